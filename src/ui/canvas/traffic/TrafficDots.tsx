import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { usePlaygroundStore } from '../../StoreContext';
import { advanceDots, makeDot, type Dot } from './dots';
import { drawDots } from './drawDots';
import { makeLocator, type LocatorFrame } from './locate';
import { routeOf, type Locator, type Route } from './route';
import { DotSampler } from './sampler';

/** Frames longer than this (a background tab) do not spawn a burst of stale dots. */
const MAX_FRAME_MS = 250;
/** How often the newest traces are read (reading them costs; the dots still move every frame). */
const READ_MS = 90;

/**
 * Requests as moving dots, on one <canvas> over the flow (never React Flow nodes: nothing is
 * rebuilt per frame). Each animation frame reads the newest traces from the store's snapshot,
 * samples a readable few, and draws every dot at the canvas's current pan and zoom. Not mounted
 * when the person prefers reduced motion (rates and counters say the same without moving).
 */
export function TrafficDots({ frame }: { frame: LocatorFrame }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const flow = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef(frame);
  const tRef = useRef(t);
  useEffect(() => {
    frameRef.current = frame;
    tRef.current = t;
  }, [frame, t]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const size = { w: 0, h: 0, dpr: 1 };
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      size.w = el.clientWidth;
      size.h = el.clientHeight;
      size.dpr = dpr;
      el.width = Math.max(1, Math.round(size.w * dpr));
      el.height = Math.max(1, Math.round(size.h * dpr));
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el);

    const sampler = new DotSampler<Route>();
    const locators = new WeakMap<LocatorFrame, Locator>();
    const locate = () => {
      const f = frameRef.current;
      let l = locators.get(f);
      if (!l) locators.set(f, (l = makeLocator(f)));
      return l;
    };
    const textOf = (d: Dot): string | undefined => {
      const r = d.route;
      if (r.kind === 'ok') return undefined;
      if (r.policies) return tRef.current('traffic.droppedBy', { names: r.policies.join(', ') });
      return r.outcome;
    };
    let dots: Dot[] = [];
    let seq = 0;
    let drawn = false;
    let raf = 0;
    let reported = 0;
    const cost = { ms: 0, frames: 0 };
    let lastRead: number | undefined;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      const t0 = performance.now();
      let added: Dot[] = [];
      if (lastRead === undefined || now - lastRead >= READ_MS) {
        const sinceRead = lastRead === undefined ? 16 : Math.min(MAX_FRAME_MS, now - lastRead);
        lastRead = now;
        const snap = store.snapshot();
        const traffic = snap.traffic;
        const { speed } = store.getState();
        if (traffic && traffic.traces.length) {
          const l = locate();
          added = sampler
            .take({ traces: traffic.traces, simNow: snap.time, wallNow: now, speed, frameMs: sinceRead }, (tr) => routeOf(tr, l))
            .map((s) => makeDot(++seq, s.route, s.wallStart, speed));
        }
      }
      dots = advanceDots(dots, added, now);
      if (dots.length === 0) {
        if (drawn) ctx.clearRect(0, 0, el.width, el.height);
        drawn = false;
      } else {
        const [x, y, zoom] = flow.getState().transform;
        drawDots(ctx, dots, now, { x, y, zoom }, size.dpr, textOf);
        drawn = true;
      }
      // How many dots fly and what this layer costs per frame, for benchmarks (a few times a second).
      cost.ms += performance.now() - t0;
      cost.frames++;
      if (now - reported > 500) {
        el.dataset.dots = String(dots.length);
        el.dataset.frameMs = (cost.ms / cost.frames).toFixed(2);
        reported = now;
        cost.ms = 0;
        cost.frames = 0;
      }
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
    };
  }, [store, flow]);

  return <canvas ref={canvas} className="traffic-dots" data-testid="traffic-dots" aria-hidden />;
}
