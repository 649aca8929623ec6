import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrafficSnapshot } from '../../../engine/network/index';
import { PER_POD_EDGE_BUDGET } from '../model/edges';
import type { Box } from '../model/placement';
import { formatRate } from './counters';
import { buildLanes, type Lane } from './lanes';
import { makeLocator, type LocatorFrame } from './locate';

/** Characters of a label in canvas units (monospace 12px; CJK characters are twice as wide). */
const textWidth = (s: string) => 14 + [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 14 : 7.4), 0);

/**
 * The traffic lanes of a frame with their rate labels: per pod in the every-pod view with few
 * pods, otherwise per node; labels kept off the cards.
 */
export function useTrafficLanes(frame: LocatorFrame & { tier: string; nodes: readonly unknown[] }, traffic: TrafficSnapshot | undefined, clientRps: Readonly<Record<number, number>>): Lane[] {
  const { t } = useTranslation('canvas');
  return useMemo(() => {
    if (!traffic?.clients.some((c) => c.stoppedAt === undefined)) return [];
    const { model, placement } = frame;
    const locate = makeLocator(frame);
    const nodeOfPod = new Map<string, string>();
    for (const v of model.pods.values()) if (v.node) nodeOfPod.set(`${v.namespace}/${v.name}`, v.node);
    const obstacles: Box[] = [...placement.pods.values(), ...placement.services.values(), ...placement.ingresses.values(), ...placement.clients.values(), ...placement.workloads.values()];
    return buildLanes(traffic, locate, clientRps, {
      aggregatePods: frame.tier !== 'detailed' || model.pods.size > PER_POD_EDGE_BUDGET,
      podNode: (ref) => {
        const node = nodeOfPod.get(`${ref.namespace ?? 'default'}/${ref.name}`);
        return node ? locate.object({ kind: 'Node', name: node }) : undefined;
      },
      labelWidth: (rps) => textWidth(t('traffic.rate', { rate: formatRate(rps) })),
      obstacles,
    });
    // The every-pod view builds a new frame each animation frame; its nodes array keeps its
    // identity while nothing drawn moved, so lanes follow the drawn objects, not the clock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frame.nodes, frame.tier, traffic, clientRps, t]);
}
