import type { NodeItem } from './clusterModel';
import { HEAT } from './geometry';
import type { PodTone } from './podView';

/** Pod pixel colours by tone (the canvas cannot read CSS variables cheaply). */
export const TONE_COLORS: Record<PodTone, string> = {
  ok: '#35c47c',
  starting: '#c9a227',
  progress: '#4c8dff',
  bad: '#ef5b5b',
  done: '#6b7690',
  terminating: '#9aa6bf',
  unknown: '#b07cff',
};

/** The node tile under a point of the heat map (canvas units), or -1. */
export function heatHit(x: number, y: number, cols: number, count: number): number {
  if (x < 0 || y < 0) return -1;
  const col = Math.floor(x / (HEAT.tileW + HEAT.gap));
  const row = Math.floor(y / (HEAT.tileH + HEAT.gap));
  if (col >= cols) return -1;
  if (x - col * (HEAT.tileW + HEAT.gap) > HEAT.tileW || y - row * (HEAT.tileH + HEAT.gap) > HEAT.tileH) return -1;
  const i = row * cols + col;
  return i < count ? i : -1;
}

/**
 * Draws every node as a tile: its name, its occupancy as the tile's fill, one pixel per pod
 * in its tone's colour, a cross over NotReady nodes and stripes over cordoned ones (shapes, not
 * colour alone). `scale` is canvas pixels per canvas unit.
 */
export function drawHeat(ctx: CanvasRenderingContext2D, nodes: readonly NodeItem[], cols: number, scale: number, selected?: string): void {
  const { tileW, tileH, gap, label, cell, cellCols, cellRows, pad } = HEAT;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width / scale, ctx.canvas.height / scale);
  ctx.font = `600 ${label - 3}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  nodes.forEach((n, i) => {
    const x = (i % cols) * (tileW + gap);
    const y = Math.floor(i / cols) * (tileH + gap);
    const fill = n.allocatable.pods ? Math.min(1, n.podCount / n.allocatable.pods) : 0;
    ctx.fillStyle = n.readyState === 'Ready' ? '#1d2638' : '#2a1a22';
    ctx.fillRect(x, y, tileW, tileH);
    ctx.fillStyle = `rgba(76, 141, 255, ${0.08 + fill * 0.35})`;
    ctx.fillRect(x, y + tileH * (1 - fill), tileW, tileH * fill);
    ctx.fillStyle = '#c8d1e6';
    ctx.fillText(n.name.length > 11 ? `…${n.name.slice(-10)}` : n.name, x + pad, y + 2, tileW - 2 * pad);
    const max = cellCols * cellRows;
    for (let k = 0; k < n.pods.length && k < max; k++) {
      ctx.fillStyle = TONE_COLORS[n.pods[k].tone];
      ctx.fillRect(x + pad + (k % cellCols) * cell, y + label + Math.floor(k / cellCols) * cell, cell - 1, cell - 1);
    }
    if (n.cordoned) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, tileW, tileH);
      ctx.clip();
      ctx.strokeStyle = 'rgba(240, 180, 41, 0.8)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let s = -tileH; s < tileW; s += 10) {
        ctx.moveTo(x + s, y + tileH);
        ctx.lineTo(x + s + tileH, y);
      }
      ctx.stroke();
      ctx.restore();
    }
    if (n.readyState !== 'Ready' || n.kubeletStopped) {
      ctx.strokeStyle = '#ef5b5b';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x + 4, y + 4);
      ctx.lineTo(x + tileW - 4, y + tileH - 4);
      ctx.moveTo(x + tileW - 4, y + 4);
      ctx.lineTo(x + 4, y + tileH - 4);
      ctx.stroke();
    }
    if (n.name === selected) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y + 1, tileW - 2, tileH - 2);
    }
  });
}
