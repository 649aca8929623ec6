/** Small line icons drawn in SVG: they look the same on every machine, emoji fonts or not. */
const base = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.7, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export function LinkIcon() {
  return (
    <svg {...base}>
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5" />
      <path d="M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5" />
    </svg>
  );
}

export function NodesIcon() {
  return (
    <svg {...base}>
      <rect x="1.5" y="2" width="5.5" height="5" rx="1.2" />
      <rect x="9" y="2" width="5.5" height="5" rx="1.2" />
      <rect x="1.5" y="9" width="5.5" height="5" rx="1.2" />
      <rect x="9" y="9" width="5.5" height="5" rx="1.2" />
    </svg>
  );
}

export function ChevronIcon() {
  return (
    <svg {...base} width={12} height={12}>
      <path d="M4 6l4 4 4-4" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...base}>
      <path d="M4 1.5h5l3.5 3.5v9.5H4z" />
      <path d="M9 1.5V5h3.5" />
      <path d="M6 9h4.5M6 11.5h4.5" />
    </svg>
  );
}

export function ApplyIcon() {
  return (
    <svg {...base}>
      <path d="M2 8h8.5M7.5 4.5L11 8l-3.5 3.5M14 3v10" />
    </svg>
  );
}

const solid = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'currentColor', 'aria-hidden': true } as const;

export function PlayIcon() {
  return (
    <svg {...solid}>
      <path d="M4 2.5v11l9-5.5z" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...solid}>
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.8" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.8" />
    </svg>
  );
}

export function StepIcon() {
  return (
    <svg {...solid}>
      <path d="M3 2.5v11l7.5-5.5z" />
      <rect x="11.5" y="2.5" width="2.5" height="11" rx="0.8" />
    </svg>
  );
}

export function SkipIcon() {
  return (
    <svg {...base}>
      <path d="M2 4l5 4-5 4M8 4l5 4-5 4M14.5 3v10" />
    </svg>
  );
}

/** A stopwatch: simulated time. */
export function ClockIcon() {
  return (
    <svg {...base} width={14} height={14}>
      <circle cx="8" cy="9" r="5.8" />
      <path d="M8 9V6M6.3 1.5h3.4M12.3 4.2l1.2-1.2" />
    </svg>
  );
}
