import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import { curve, lanePoints, OUTLINE_GAP, pointAt, routePath, toPath, type Stop } from './geometry';

const box = (x: number, y: number, w = 200, h = 80) => ({ x, y, w, h });
const svc: Stop = { id: 'svc:a', box: box(800, 0), shape: 'card' };
const pod: Stop = { id: 'pod:p', box: box(100, 300, 186, 66), shape: 'end' };
const client: Stop = { id: 'client:1', box: box(1400, 0, 210, 96), shape: 'end' };
const ingress: Stop = { id: 'ing:i', box: box(1100, 0), shape: 'card' };

describe('traffic geometry', () => {
  it('draws a lane exactly on the curve React Flow draws for the Service → pod edge', () => {
    const pts = lanePoints(svc, pod);
    const [d] = getBezierPath({ sourceX: 800, sourceY: 40, sourcePosition: Position.Left, targetX: 286, targetY: 333, targetPosition: Position.Right });
    const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    // M sx,sy C c1x,c1y c2x,c2y tx,ty
    const [sx, sy, c1x, c1y, c2x, c2y, tx, ty] = nums;
    const mine = curve({ p: { x: sx, y: sy }, side: 'left' }, { p: { x: tx, y: ty }, side: 'right' }, 2);
    expect(pts[0]).toEqual({ x: sx, y: sy });
    expect(pts[pts.length - 1]).toEqual({ x: tx, y: ty });
    // The midpoint of a cubic is (p0 + 3c1 + 3c2 + p3) / 8.
    expect(mine[1].x).toBeCloseTo((sx + 3 * c1x + 3 * c2x + tx) / 8, 6);
    expect(mine[1].y).toBeCloseTo((sy + 3 * c1y + 3 * c2y + ty) / 8, 6);
  });

  it('takes a request through the middle of a Service card (its virtual IP) on the way to the pod', () => {
    const path = routePath([client, svc, pod]);
    expect(path.points).toContainEqual({ x: 900, y: 40 });
    expect(path.points[0]).toEqual({ x: 1400, y: 48 });
    expect(path.points[path.points.length - 1]).toEqual({ x: 286, y: 333 });
  });

  it('passes a Service by along its outline after an Ingress, never inside the card', () => {
    const outline: Stop = { ...svc, id: 'svc:a~ep', shape: 'outline' };
    const path = routePath([client, ingress, outline, pod]);
    const inside = path.points.filter((p) => p.x > svc.box.x && p.x < svc.box.x + svc.box.w && p.y > svc.box.y && p.y < svc.box.y + svc.box.h);
    expect(inside).toEqual([]);
    expect(path.points).toContainEqual({ x: 1000, y: -OUTLINE_GAP });
    expect(path.points).toContainEqual({ x: 800, y: -OUTLINE_GAP });
  });

  it('moves evenly along a path by its length', () => {
    const p = toPath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 30 }]);
    expect(p.total).toBe(40);
    expect(pointAt(p, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(p, 0.25)).toEqual({ x: 10, y: 0 });
    expect(pointAt(p, 0.5)).toEqual({ x: 10, y: 10 });
    expect(pointAt(p, 1)).toEqual({ x: 10, y: 30 });
  });

  it('joins cards stacked in one column top to bottom (an outside client under its Ingress)', () => {
    const below: Stop = { id: 'client:2', box: box(1100, 200, 200, 96), shape: 'end' };
    const pts = lanePoints(below, ingress);
    expect(pts[0]).toEqual({ x: 1200, y: 200 });
    expect(pts[pts.length - 1]).toEqual({ x: 1200, y: 80 });
    expect(pts.every((p) => Math.abs(p.x - 1200) < 1e-9)).toBe(true);
  });

  it('leaves a node by the side facing the next stop, below its header buttons', () => {
    const node: Stop = { id: 'node:w1', box: box(0, 200, 600, 150), shape: 'edge' };
    const path = routePath([client, node, svc]);
    const atNode = path.points.filter((p) => p.x === 600);
    expect(atNode.length).toBeGreaterThan(0);
    expect(atNode.every((p) => p.y > 230)).toBe(true);
  });
});
