import { memo, useCallback, type CSSProperties } from 'react';
import { usePlaygroundStore } from '../../StoreContext';
import type { PodCell } from '../model/flowTypes';
import { GEOMETRY } from '../model/geometry';
import { revisionColor } from '../model/revision';
import { useServed } from '../traffic/TrafficCountersContext';
import { TONE_GLYPH } from './ToneIcon';

const G = GEOMETRY.compact;

interface CellProps {
  cell: PodCell;
  cols: number;
  top: number;
  onPick: (ns: string, name: string) => void;
}

/** Cells are rebuilt with every frame that changed anything; a cell whose pod and place stayed the same skips rendering. */
export function sameCell(a: CellProps, b: CellProps): boolean {
  const x = a.cell;
  const y = b.cell;
  return a.cols === b.cols && a.top === b.top && a.onPick === b.onPick && x.view === y.view && x.slot === y.slot && x.revision === y.revision && x.newest === y.newest;
}

/** One pod as a small cell; its served-request count rides along as an attribute and in the tooltip. */
const Cell = memo(function Cell({ cell, cols, top, onPick }: CellProps) {
  const { view, slot, revision, newest } = cell;
  const served = useServed(`${view.namespace}/${view.name}`);
  const style = {
    left: G.pad + (slot % cols) * (G.cellW + G.gap),
    top: top + G.pad + Math.floor(slot / cols) * (G.cellH + G.gap),
    '--rev': revisionColor(revision) ?? 'transparent',
  } as CSSProperties;
  return (
    <span
      className={`pod-cell tone-${view.tone}${revision ? ' has-rev' : ''}${newest === false ? ' rev-old' : ''}`}
      style={style}
      data-kind="Pod"
      data-name={view.name}
      data-namespace={view.namespace}
      data-status={view.status}
      data-node={view.node}
      data-served={served}
      data-revision={revision}
      title={`${view.name}  ${view.status}  ${view.ready}${revision ? `  r${revision}` : ''}${served ? `  ⇢${served}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        onPick(view.namespace, view.name);
      }}
    >
      <span aria-hidden>{TONE_GLYPH[view.tone]}</span>
    </span>
  );
}, sameCell);

/**
 * Pods as small cells at their slots (compact and heat tiers). Each is still a findable element
 * with data-kind, data-status and data-node; the glyph and the tooltip carry what colour shows.
 */
function PodCellsImpl({ cells, cols, top }: { cells: readonly PodCell[]; cols: number; top: number }) {
  const store = usePlaygroundStore();
  const pick = useCallback((namespace: string, name: string) => store.getState().select({ kind: 'Pod', namespace, name }), [store]);
  return (
    <>
      {cells.map((c) => (
        <Cell key={c.view.uid} cell={c} cols={cols} top={top} onPick={pick} />
      ))}
    </>
  );
}

export const PodCells = memo(PodCellsImpl);
