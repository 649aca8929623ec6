import { memo, type CSSProperties } from 'react';
import { usePlaygroundStore } from '../../StoreContext';
import type { PodCell } from '../model/flowTypes';
import { GEOMETRY } from '../model/geometry';
import { revisionColor } from '../model/revision';
import { TONE_GLYPH } from './ToneIcon';

const G = GEOMETRY.compact;

/**
 * Pods as small cells at their slots (compact and heat tiers). Each is still a findable element
 * with data-kind, data-status and data-node; the glyph and the tooltip carry what colour shows.
 */
function PodCellsImpl({ cells, cols, top }: { cells: readonly PodCell[]; cols: number; top: number }) {
  const store = usePlaygroundStore();
  return (
    <>
      {cells.map(({ view, slot, revision, newest }) => {
        const style = {
          left: G.pad + (slot % cols) * (G.cellW + G.gap),
          top: top + G.pad + Math.floor(slot / cols) * (G.cellH + G.gap),
          '--rev': revisionColor(revision) ?? 'transparent',
        } as CSSProperties;
        return (
          <span
            key={view.uid}
            className={`pod-cell tone-${view.tone}${revision ? ' has-rev' : ''}${newest === false ? ' rev-old' : ''}`}
            style={style}
            data-kind="Pod"
            data-name={view.name}
            data-namespace={view.namespace}
            data-status={view.status}
            data-node={view.node}
            title={`${view.name}  ${view.status}  ${view.ready}${revision ? `  r${revision}` : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              store.getState().select({ kind: 'Pod', namespace: view.namespace, name: view.name });
            }}
          >
            <span aria-hidden>{TONE_GLYPH[view.tone]}</span>
          </span>
        );
      })}
    </>
  );
}

export const PodCells = memo(PodCellsImpl);
