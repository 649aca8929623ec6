import type { ClusterModel, WorkloadItem } from './clusterModel';
import {
  areaHeight, areaWidth, CHILD_H, CHILD_INDENT, CLIENT_H, CLIENT_W, COLUMN_GAP, GEOMETRY, gridColumns, GROUP_GAP, HEAT, ITEM_GAP,
  ROW_GAP, SIDE_H, SIDE_LINE, SIDE_W, slotOffset, UNSCHEDULED_HEADER, UNSCHEDULED_MIN_W, WORKLOAD_H, WORKLOAD_W,
} from './geometry';
import { UNSCHEDULED, type SlotState } from './slots';
import type { Tier } from './tier';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Where everything goes, in canvas units. */
export interface Placement {
  readonly tier: Tier;
  /** Node containers (detailed) or tiles (compact); in heat, only the detail tile of the selected node. */
  readonly nodes: ReadonlyMap<string, Box>;
  readonly unscheduled: Box;
  /** Pods per row in the unscheduled area. */
  readonly unscheduledCols: number;
  /** Pod cards (detailed tier only). */
  readonly pods: ReadonlyMap<string, Box>;
  /** The heat map (heat tier only) and its columns. */
  readonly heat?: Box & { readonly cols: number };
  readonly workloads: ReadonlyMap<string, Box>;
  readonly services: ReadonlyMap<string, Box>;
  readonly ingresses: ReadonlyMap<string, Box>;
  readonly pvcs: ReadonlyMap<string, Box>;
  readonly pvs: ReadonlyMap<string, Box>;
  /** Traffic clients outside the cluster, by client id, at the right edge (under the Ingresses). */
  readonly clients: ReadonlyMap<number, Box>;
}


function stack<T extends { uid: string }>(items: readonly T[], x: number, y0: number, w: number, h: number | ((it: T) => number), out: Map<string, Box>): number {
  let y = y0;
  for (const it of items) {
    const ih = typeof h === 'number' ? h : h(it);
    out.set(it.uid, { x, y, w, h: ih });
    y += ih + ITEM_GAP;
  }
  return y;
}

function placeWorkloads(items: readonly WorkloadItem[], x: number, y0: number, out: Map<string, Box>): void {
  let y = y0;
  for (const w of items) {
    out.set(w.uid, { x, y, w: WORKLOAD_W, h: WORKLOAD_H });
    y += WORKLOAD_H + ITEM_GAP;
    for (const c of w.children) {
      out.set(c.uid, { x: x + CHILD_INDENT, y, w: WORKLOAD_W - CHILD_INDENT, h: CHILD_H });
      y += CHILD_H + ITEM_GAP;
    }
    y += GROUP_GAP - ITEM_GAP;
  }
}

/**
 * Lays the cluster out in columns: workloads on the left, the nodes in the middle (the area of
 * pods still waiting above them), Services and claims on the right, then Ingresses and volumes.
 * Node order is by name and pod positions come from their slots, so positions only change when
 * an area grows.
 */
export function placeCluster(model: ClusterModel, slots: SlotState, tier: Tier, opts: { selectedNode?: string; gridCols?: number } = {}): Placement {
  const selectedNode = opts.selectedNode;
  const nodes = new Map<string, Box>();
  const pods = new Map<string, Box>();
  let gridW: number;
  let heat: Placement['heat'];
  let unscheduled: Box;
  let unscheduledCols: number;

  if (tier === 'heat') {
    const cols = opts.gridCols ?? gridColumns('heat', model.nodes.length);
    const rows = Math.max(1, Math.ceil(model.nodes.length / cols));
    const g = GEOMETRY.compact;
    const uw = Math.max(UNSCHEDULED_MIN_W, areaWidth(g));
    unscheduledCols = Math.max(1, Math.floor((uw - 2 * g.pad + g.gap) / (g.cellW + g.gap)));
    unscheduled = { x: 0, y: 0, w: uw, h: areaHeight(g, slots.capacity.get(UNSCHEDULED) ?? 0, unscheduledCols, UNSCHEDULED_HEADER) };
    const top = unscheduled.h + ROW_GAP;
    heat = { x: 0, y: top, w: cols * (HEAT.tileW + HEAT.gap) - HEAT.gap, h: rows * (HEAT.tileH + HEAT.gap) - HEAT.gap, cols };
    gridW = heat.w;
    const tileW = areaWidth(g);
    if (selectedNode && model.nodes.some((n) => n.name === selectedNode)) {
      nodes.set(selectedNode, { x: heat.w + COLUMN_GAP / 2, y: top, w: tileW, h: areaHeight(g, slots.capacity.get(selectedNode) ?? 0) });
    }
    gridW += COLUMN_GAP / 2 + tileW;
    // The waiting area spans the map's width at least; the columns to the right start after both.
    gridW = Math.max(gridW, unscheduled.w);
  } else {
    const g = GEOMETRY[tier];
    const cols = opts.gridCols ?? gridColumns(tier, model.nodes.length);
    const nodeW = areaWidth(g);
    gridW = Math.max(cols * nodeW + (cols - 1) * ROW_GAP, UNSCHEDULED_MIN_W);
    const ucols = Math.max(1, Math.floor((gridW - 2 * g.pad + g.gap) / (g.cellW + g.gap)));
    unscheduledCols = ucols;
    unscheduled = { x: 0, y: 0, w: gridW, h: areaHeight(g, slots.capacity.get(UNSCHEDULED) ?? 0, ucols, UNSCHEDULED_HEADER) };
    let y = unscheduled.h + ROW_GAP;
    for (let r = 0; r * cols < model.nodes.length; r++) {
      const row = model.nodes.slice(r * cols, (r + 1) * cols);
      const rowH = Math.max(...row.map((n) => areaHeight(g, slots.capacity.get(n.name) ?? 0)));
      row.forEach((n, i) => nodes.set(n.name, { x: i * (nodeW + ROW_GAP), y, w: nodeW, h: rowH }));
      y += rowH + ROW_GAP;
    }
    if (tier === 'detailed') {
      const placeIn = (area: string, box: Box, areaCols: number, header: number) => {
        const s = slots.slots.get(area);
        if (!s) return;
        for (const [uid, slot] of s) {
          const o = slotOffset(g, slot, areaCols, header);
          pods.set(uid, { x: box.x + o.x, y: box.y + o.y, w: g.cellW, h: g.cellH });
        }
      };
      for (const n of model.nodes) placeIn(n.name, nodes.get(n.name)!, g.cols, g.header);
      placeIn(UNSCHEDULED, unscheduled, ucols, UNSCHEDULED_HEADER);
    }
  }

  const workloads = new Map<string, Box>();
  placeWorkloads(model.workloads, -COLUMN_GAP - WORKLOAD_W, 0, workloads);

  const sideX = gridW + COLUMN_GAP;
  const farX = sideX + SIDE_W + COLUMN_GAP;
  const services = new Map<string, Box>();
  const pvcs = new Map<string, Box>();
  const ingresses = new Map<string, Box>();
  const pvs = new Map<string, Box>();
  // A Service with an external address (load balancer, externalIPs, ExternalName) shows it on a line of its own.
  const afterServices = stack(model.services, sideX, 0, SIDE_W, (s) => (s.external ? SIDE_H + SIDE_LINE : SIDE_H), services);
  let afterFar = stack(model.ingresses, farX, 0, SIDE_W, SIDE_H, ingresses);
  // Outside traffic clients close the far column, under the Ingresses they usually reach.
  const clients = new Map<number, Box>();
  if (model.clients.length) {
    let y = model.ingresses.length ? afterFar + GROUP_GAP * 2 : 0;
    for (const c of model.clients) {
      clients.set(c.id, { x: farX, y, w: CLIENT_W, h: CLIENT_H });
      y += CLIENT_H + ITEM_GAP;
    }
    afterFar = y;
  }
  const storageTop = Math.max(afterServices, afterFar) + (model.services.length || afterFar > 0 ? GROUP_GAP * 2 : 0);
  stack(model.pvcs, sideX, storageTop, SIDE_W, SIDE_H, pvcs);
  stack(model.pvs, farX, storageTop, SIDE_W, SIDE_H, pvs);

  return { tier, nodes, unscheduled, unscheduledCols, pods, heat, workloads, services, ingresses, pvcs, pvs, clients };
}
