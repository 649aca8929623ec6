import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, UnscheduledData } from '../model/flowTypes';
import { UNSCHEDULED_HEADER } from '../model/geometry';
import { Handles } from '../parts/Handles';
import { PodCells } from '../parts/PodCells';

type Props = NodeProps<Extract<CanvasNode, { type: 'unscheduled' }>>;

/** Where pods wait for the scheduler; they move onto a node when bound. */
function UnscheduledAreaImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as UnscheduledData;
  return (
    <div className={`k-unscheduled${d.count ? ' has-pods' : ''}`} data-testid="unscheduled" data-count={d.count}>
      <Handles />
      <header className="k-unscheduled-head">
        <span aria-hidden>◷</span> {t('canvas.unscheduled')}
        <span className="k-unscheduled-count">{d.count ? t('canvas.unscheduledCount', { count: d.count }) : t('canvas.noPending')}</span>
      </header>
      {d.cells && <PodCells cells={d.cells} cols={d.cols} top={UNSCHEDULED_HEADER} />}
    </div>
  );
}

export const UnscheduledArea = memo(UnscheduledAreaImpl);
