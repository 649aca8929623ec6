import type { HopRef } from '../../../engine/network/index';
import type { ClusterModel } from '../model/clusterModel';
import { nodeId } from '../model/edges';
import { GEOMETRY, HEAT } from '../model/geometry';
import type { Box, Placement } from '../model/placement';
import type { SlotState } from '../model/slots';
import type { Stop } from './geometry';
import type { Locator } from './route';

/** What the locator reads from a canvas frame. */
export interface LocatorFrame {
  readonly model: ClusterModel;
  readonly placement: Placement;
  readonly slots: SlotState;
}

const G = GEOMETRY.compact;

/** A pod's cell inside its node tile (compact tier), from its slot. */
function cellBox(tile: Box, slot: number): Box {
  return {
    x: tile.x + G.pad + (slot % G.cols) * (G.cellW + G.gap),
    y: tile.y + G.header + G.pad + Math.floor(slot / G.cols) * (G.cellH + G.gap),
    w: G.cellW,
    h: G.cellH,
  };
}

/** A node's tile in the heat map. */
function heatTile(heat: NonNullable<Placement['heat']>, index: number): Box {
  return {
    x: heat.x + (index % heat.cols) * (HEAT.tileW + HEAT.gap),
    y: heat.y + Math.floor(index / heat.cols) * (HEAT.tileH + HEAT.gap),
    w: HEAT.tileW,
    h: HEAT.tileH,
  };
}

/**
 * Where the objects a request passes are drawn in one frame: pod cards (every-pod view), pod
 * cells inside node tiles (tiles view) or the node's tile (heat map); Services and Ingresses as
 * cards; nodes at their header; outside clients as their own nodes.
 */
export function makeLocator(frame: LocatorFrame): Locator {
  const { model, placement, slots } = frame;
  let podsByName: Map<string, string> | undefined;
  const podUid = (ns: string, name: string) => {
    if (!podsByName) {
      podsByName = new Map();
      for (const v of model.pods.values()) podsByName.set(`${v.namespace}/${v.name}`, v.uid);
    }
    return podsByName.get(`${ns}/${name}`);
  };
  let nodeIndex: Map<string, number> | undefined;
  const nodeStop = (name: string, forPod?: string): Stop | undefined => {
    const box = placement.nodes.get(name);
    if (box && (placement.tier !== 'heat' || !forPod)) return { id: nodeId.node(name), box, shape: 'edge' };
    if (!placement.heat) return box ? { id: nodeId.node(name), box, shape: 'edge' } : undefined;
    nodeIndex ??= new Map(model.nodes.map((n, i) => [n.name, i]));
    const i = nodeIndex.get(name);
    return i === undefined ? undefined : { id: `heat:${name}`, box: heatTile(placement.heat, i), shape: 'point' };
  };

  const pod = (ns: string, name: string): Stop | undefined => {
    const uid = podUid(ns, name);
    const view = uid ? model.pods.get(uid) : undefined;
    if (!uid || !view) return undefined;
    const card = placement.pods.get(uid);
    if (card) return { id: nodeId.pod(uid), box: card, shape: 'end' };
    if (!view.node) return undefined;
    const tile = placement.nodes.get(view.node);
    const slot = slots.slots.get(view.node)?.get(uid);
    if (tile && slot !== undefined && placement.tier !== 'detailed') return { id: nodeId.pod(uid), box: cellBox(tile, slot), shape: 'point' };
    return nodeStop(view.node, uid);
  };

  return {
    object(ref: HopRef): Stop | undefined {
      const ns = ref.namespace ?? 'default';
      switch (ref.kind) {
        case 'Pod':
          return pod(ns, ref.name);
        case 'Node':
          return nodeStop(ref.name);
        case 'Service': {
          const s = model.services.find((x) => x.namespace === ns && x.name === ref.name);
          const box = s && placement.services.get(s.uid);
          return box ? { id: nodeId.service(s.uid), box, shape: 'card' } : undefined;
        }
        case 'Ingress': {
          const s = model.ingresses.find((x) => x.namespace === ns && x.name === ref.name);
          const box = s && placement.ingresses.get(s.uid);
          return box ? { id: nodeId.ingress(s.uid), box, shape: 'card' } : undefined;
        }
        default:
          return undefined;
      }
    },
    client(id: number): Stop | undefined {
      const box = placement.clients.get(id);
      return box ? { id: `client:${id}`, box, shape: 'end' } : undefined;
    },
  };
}
