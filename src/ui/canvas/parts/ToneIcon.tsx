import './parts.css';
import type { PodTone } from '../model/podView';

/** One glyph per tone, so a pod's state reads without colour. */
export const TONE_GLYPH: Record<PodTone, string> = {
  ok: '✓',
  starting: '◐',
  progress: '◔',
  bad: '✕',
  done: '■',
  terminating: '↓',
  unknown: '?',
};

export function ToneIcon({ tone, label }: { tone: PodTone; label?: string }) {
  return (
    <span className={`tone-icon tone-${tone}`} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      {TONE_GLYPH[tone]}
    </span>
  );
}
