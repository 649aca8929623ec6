import { memo, useEffect, useRef, useState } from 'react';
import { useStore, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { usePlaygroundStore } from '../../StoreContext';
import type { CanvasNode, HeatmapData } from '../model/flowTypes';
import { drawHeat, heatHit } from '../model/heat';

type Props = NodeProps<Extract<CanvasNode, { type: 'heatmap' }>>;

/** Canvas pixels are capped so a 1,000-node map never allocates a huge backing store. */
const MAX_PIXELS = 8_000_000;

/** Sharpness follows the zoom in steps, so zooming does not redraw every frame. */
const zoomStep = (s: { transform: [number, number, number] }) => Math.min(4, 2 ** Math.round(Math.log2(Math.max(0.05, s.transform[2]))));

/** The whole cluster on one <canvas>: one tile per node, one pixel per pod. Click a tile to open that node. */
function HeatmapNodeImpl({ data, width, height }: Props) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const d = data as HeatmapData;
  const ref = useRef<HTMLCanvasElement>(null);
  const zoom = useStore(zoomStep);
  const [hover, setHover] = useState('');
  const w = width ?? 0;
  const h = height ?? 0;
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const scale = Math.max(0.25, Math.min(zoom * dpr, Math.sqrt(MAX_PIXELS / Math.max(1, w * h))));

  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const pw = Math.max(1, Math.round(w * scale));
    const ph = Math.max(1, Math.round(h * scale));
    if (c.width !== pw || c.height !== ph) {
      c.width = pw;
      c.height = ph;
    }
    drawHeat(ctx, d.nodes, d.cols, scale, d.selectedNode);
    // d.key stands for d.nodes' content: redraw only when what is drawn changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d.key, d.cols, d.selectedNode, w, h, scale]);

  const nodeAt = (e: React.MouseEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) * w) / r.width;
    const y = ((e.clientY - r.top) * h) / r.height;
    const i = heatHit(x, y, d.cols, d.nodes.length);
    return i >= 0 ? d.nodes[i] : undefined;
  };

  return (
    <div className="k-heatmap" data-testid="heatmap" data-nodes={d.nodes.length}>
      <canvas
        ref={ref}
        style={{ width: w, height: h }}
        role="img"
        aria-label={t('canvas.heatTitle', { count: d.nodes.length })}
        title={hover || t('canvas.heatTitle', { count: d.nodes.length })}
        onMouseMove={(e) => {
          const n = nodeAt(e);
          setHover(n ? t('canvas.heatNode', { name: n.name, status: n.status, pods: n.podCount }) : '');
        }}
        onClick={(e) => {
          e.stopPropagation();
          const n = nodeAt(e);
          if (n) store.getState().select({ kind: 'Node', name: n.name });
        }}
      />
    </div>
  );
}

export const HeatmapNode = memo(HeatmapNodeImpl);
