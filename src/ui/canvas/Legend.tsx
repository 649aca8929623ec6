import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PodTone } from './model/podView';
import { ToneIcon } from './parts/ToneIcon';
import { TrafficLegend } from './traffic/TrafficLegend';

const TONES: PodTone[] = ['ok', 'starting', 'progress', 'bad', 'terminating', 'done'];
const EDGES = [
  ['owner', 'edge-owner'],
  ['svcReady', 'edge-svc-ready'],
  ['svcNotReady', 'edge-svc-notready'],
  ['ingress', 'edge-ingress'],
  ['volume', 'edge-volume'],
] as const;

/** What the glyphs and line styles mean; folded by default to keep the canvas clear. */
export function Legend({ reduced = false }: { reduced?: boolean }) {
  const { t } = useTranslation('canvas');
  const [open, setOpen] = useState(false);
  return (
    <div className={`canvas-legend${open ? ' open' : ''}`}>
      <button type="button" className="canvas-chip" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden>ⓘ</span> {t('canvas.legend')}
      </button>
      {open && (
        <div className="legend-body">
          <ul>
            {TONES.map((tone) => (
              <li key={tone}>
                <ToneIcon tone={tone} /> {t(`tone.${tone}`)}
              </li>
            ))}
          </ul>
          <ul>
            {EDGES.map(([key, cls]) => (
              <li key={key}>
                <svg width="34" height="10" aria-hidden className={`legend-line ${cls}`}>
                  <line x1="2" y1="5" x2="32" y2="5" className="react-flow__edge-path" />
                </svg>
                {t(`edge.${key}`)}
              </li>
            ))}
            <li className="legend-note">{t('edge.count')}</li>
          </ul>
          <TrafficLegend reduced={reduced} />
        </div>
      )}
    </div>
  );
}
