import type { HopRef, RequestTrace } from '../../../engine/network/index';
import type { Stop } from './geometry';

/** How a request ended, as the canvas colours and marks it (never by colour alone). */
export type OutcomeKind = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'failure';

export function outcomeKind(outcome: string): OutcomeKind {
  if (/^2\d\d$/.test(outcome)) return 'ok';
  if (/^3\d\d$/.test(outcome)) return 'redirect';
  if (/^4\d\d$/.test(outcome)) return 'client-error';
  if (/^5\d\d$/.test(outcome)) return 'server-error';
  return 'failure';
}

/** Finds where an object is drawn (undefined when it is not on the canvas). */
export interface Locator {
  object(ref: HopRef): Stop | undefined;
  /** An outside traffic client's own node. */
  client(id: number): Stop | undefined;
}

/** A request as the canvas draws it: the stops it passes, and how and where it ended. */
export interface Route {
  readonly client: number;
  readonly stops: readonly Stop[];
  readonly outcome: string;
  readonly kind: OutcomeKind;
  /** The stop (index) where a failure or an error answer is marked. */
  readonly markAt: number;
  /** NetworkPolicies that dropped it, when one did. */
  readonly policies?: readonly string[];
  /** `from>to` for every leg, the keys that sampling and lanes share. */
  readonly legs: readonly string[];
}

const CONTROL_PLANE: HopRef = { kind: 'Node', name: 'control-plane' };

/** "dropped by NetworkPolicy a, b (egress of the client)" → ["a", "b"]. */
export function droppedBy(note: string | undefined): string[] | undefined {
  const m = /dropped by NetworkPolicy ([^()]+?)(?:\s*\(|$)/.exec(note ?? '');
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/**
 * The stops of one traced request. DNS lookups, the load balancer in front of a node and the
 * internet are not objects on the canvas: a failure there is marked where the request was.
 * ingress-nginx proxies to pod IPs from the EndpointSlices, so after an Ingress the Service is
 * passed along its outline, never entered; of its retries only the last attempt is drawn.
 * Requests answered by ingress-nginx with no Ingress (a 404) end at the control-plane node,
 * where the controller listens on the host's ports 80 and 443.
 */
export function routeOf(trace: RequestTrace, locate: Locator): Route | undefined {
  const stops: Stop[] = [];
  let markAt: number | undefined;
  let policies: string[] | undefined;
  let ingressAt = -1;
  const push = (s: Stop | undefined) => {
    if (!s) return;
    const last = stops[stops.length - 1];
    if (last && last.id === s.id) return;
    stops.push(s);
    markAt = undefined;
    policies = undefined;
  };
  for (const hop of trace.hops) {
    switch (hop.kind) {
      case 'client': {
        const s = hop.ref ? locate.object(hop.ref) : locate.client(trace.client);
        if (!s) return undefined;
        push(s);
        break;
      }
      case 'node':
        if (hop.ref) push(locate.object(hop.ref));
        break;
      case 'ingress':
        push(locate.object(hop.ref ?? CONTROL_PLANE));
        ingressAt = stops.length - 1;
        break;
      case 'api-server':
        push(locate.object(CONTROL_PLANE));
        break;
      case 'service': {
        const s = hop.ref ? locate.object(hop.ref) : undefined;
        if (!s) break;
        if (ingressAt >= 0) {
          // A retry: ingress-nginx tries the next endpoint; only the last attempt is drawn.
          stops.length = ingressAt + 1;
          push({ ...s, id: `${s.id}~ep`, shape: 'outline' });
        } else push(s);
        break;
      }
      case 'pod':
        if (hop.ref) push(locate.object(hop.ref));
        break;
      default:
        break;
    }
    if (hop.verdict) {
      markAt = stops.length - 1;
      policies = droppedBy(hop.note);
    }
  }
  if (stops.length === 0) return undefined;
  const legs: string[] = [];
  for (let i = 1; i < stops.length; i++) legs.push(`${stops[i - 1].id}>${stops[i].id}`);
  const route: Route = { client: trace.client, stops, outcome: trace.outcome, kind: outcomeKind(trace.outcome), markAt: markAt ?? stops.length - 1, legs };
  return policies && policies.length ? { ...route, policies } : route;
}
