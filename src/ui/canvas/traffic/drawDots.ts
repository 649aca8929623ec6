import { dotAt, type Dot } from './dots';
import type { Pt } from './geometry';
import type { OutcomeKind } from './route';

/** Outcome colours (the canvas cannot read CSS variables cheaply); shapes and text carry the same meaning. */
export const OUTCOME_COLORS: Record<OutcomeKind, string> = {
  ok: '#35c47c',
  redirect: '#4c8dff',
  'client-error': '#f0b429',
  'server-error': '#ff8a3d',
  failure: '#ef5b5b',
};

export interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

const screen = (p: Pt, v: View): Pt => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

/** Dots of one outcome in one path: circles for answers and failures on their way, squares for HTTP errors, rings for redirects. */
function shapes(ctx: CanvasRenderingContext2D, kind: OutcomeKind, pts: readonly Pt[], r: number): void {
  ctx.fillStyle = OUTCOME_COLORS[kind];
  ctx.strokeStyle = '#0b0f18';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const p of pts) {
    if (kind === 'client-error' || kind === 'server-error') ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r);
    else {
      ctx.moveTo(p.x + r, p.y);
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
    }
  }
  ctx.fill();
  ctx.stroke();
  if (kind === 'redirect') {
    ctx.fillStyle = '#0b0f18';
    ctx.beginPath();
    for (const p of pts) {
      ctx.moveTo(p.x + r * 0.45, p.y);
      ctx.arc(p.x, p.y, r * 0.45, 0, Math.PI * 2);
    }
    ctx.fill();
  }
}

function cross(ctx: CanvasRenderingContext2D, p: Pt, r: number, policy: boolean): void {
  ctx.fillStyle = '#0b0f18';
  ctx.strokeStyle = OUTCOME_COLORS.failure;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  const k = r * 0.5;
  if (policy) {
    // The "no entry" sign: a slash through the circle.
    ctx.moveTo(p.x - r * 0.7, p.y + r * 0.7);
    ctx.lineTo(p.x + r * 0.7, p.y - r * 0.7);
  } else {
    ctx.moveTo(p.x - k, p.y - k);
    ctx.lineTo(p.x + k, p.y + k);
    ctx.moveTo(p.x + k, p.y - k);
    ctx.lineTo(p.x - k, p.y + k);
  }
  ctx.stroke();
}

function label(ctx: CanvasRenderingContext2D, text: string, p: Pt, color: string, alpha: number, width: number): void {
  ctx.globalAlpha = alpha;
  ctx.font = '600 12px system-ui, "DejaVu Sans", sans-serif';
  const w = ctx.measureText(text).width + 10;
  // Beside the mark, on whichever side keeps the text on screen.
  const x = p.x + 12 + w > width - 4 ? p.x - 12 - w : p.x + 12;
  const y = Math.max(2, p.y - 22);
  ctx.fillStyle = 'rgba(11, 15, 24, 0.92)';
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.roundRect(x, y, w, 18, 5);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#e6ebf5';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 5, y + 9.5);
}

/**
 * One frame of the dots: each request on its way, then at its end a short pulse for an answer,
 * or a mark that stays a moment for anything else: ✕ for a failure, a slashed circle for a
 * NetworkPolicy drop, a square for an HTTP error, with the outcome as text beside it (one label
 * per place, the newest).
 */
export function drawDots(ctx: CanvasRenderingContext2D, dots: readonly Dot[], now: number, view: View, dpr: number, textOf: (d: Dot) => string | undefined): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width / dpr, ctx.canvas.height / dpr);
  const r = Math.min(7, Math.max(3.5, 5 * view.zoom));
  const labels = new Map<string, { dot: Dot; at: Pt; age: number }>();
  // Dots on their way, batched by outcome: one path (one fill, one stroke) per kind, however many dots.
  const travelling = new Map<OutcomeKind, Pt[]>();
  for (const d of dots) {
    const f = dotAt(d, now);
    if (f.phase === 'done') continue;
    const p = screen(f.at, view);
    const kind = d.route.kind;
    if (f.phase === 'travel') {
      let list = travelling.get(kind);
      if (!list) travelling.set(kind, (list = []));
      list.push(p);
      continue;
    }
    if (kind === 'ok') {
      ctx.globalAlpha = 1 - f.age;
      ctx.strokeStyle = OUTCOME_COLORS.ok;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r * (1 + f.age * 1.6), 0, Math.PI * 2);
      ctx.stroke();
      continue;
    }
    ctx.globalAlpha = f.age < 0.7 ? 1 : (1 - f.age) / 0.3;
    if (kind === 'failure') cross(ctx, p, r + 3, !!d.route.policies);
    else shapes(ctx, kind, [p], r + 1);
    const key = `${Math.round(p.x)}:${Math.round(p.y)}`;
    const prev = labels.get(key);
    if (!prev || prev.age > f.age) labels.set(key, { dot: d, at: p, age: f.age });
  }
  ctx.globalAlpha = 1;
  for (const [kind, pts] of travelling) shapes(ctx, kind, pts, r);
  for (const { dot, at, age } of labels.values()) {
    const text = textOf(dot);
    if (text) label(ctx, text, at, OUTCOME_COLORS[dot.route.kind], age < 0.7 ? 1 : (1 - age) / 0.3, ctx.canvas.width / dpr);
  }
  ctx.globalAlpha = 1;
}
