/** Line icons for traffic, in SVG: they look the same on every machine, whatever its fonts. */
const base = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

/** Requests taken in (a pod's served counter): an arrow into a tray. */
export function ServedIcon({ size = 12 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 16 16">
      <path d="M8 1.5v7M5 5.5L8 8.5l3-3" />
      <path d="M1.5 9.5v3.5h13V9.5" />
    </svg>
  );
}

/** Requests going out (a pod that runs a traffic client). */
export function SendIcon({ size = 12 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 16 16">
      <path d="M3.5 2.5v11" />
      <path d="M6 8h8.5M11 4.5L14.5 8 11 11.5" />
    </svg>
  );
}

/** The internet (a client outside the cluster). */
export function GlobeIcon({ size = 18 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 16 16">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M1.5 8h13M8 1.5c2 2 2.8 4.2 2.8 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.2 5.7 5.2 8S6 12.5 8 14.5" />
    </svg>
  );
}

/** Blocked: a NetworkPolicy dropped the request. */
export function BlockIcon({ size = 12 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 16 16">
      <circle cx="8" cy="8" r="6" />
      <path d="M3.8 12.2l8.4-8.4" />
    </svg>
  );
}
