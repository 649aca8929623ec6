import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';

export interface DescribeContext {
  api: ApiServer;
  now: number;
  showEvents: boolean;
}

/** Renders one object as `kubectl describe` does. */
export type Describer = (ctx: DescribeContext, obj: KObject) => string;

/** Every Event object (describers filter them by involvedObject, as searchEvents does). */
export function allEvents(ctx: DescribeContext, namespace?: string): KObject[] {
  return ctx.api.list('Event', namespace).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}
