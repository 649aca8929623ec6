/** A small labelled bar: "CPU ▮▮▮▯ 40%". */
export function Meter({ label, short, pct }: { label: string; short: string; pct: number }) {
  return (
    <span className={`meter${pct >= 90 ? ' high' : ''}`} title={`${label}: ${pct}%`}>
      <span className="meter-label">{short}</span>
      <span className="meter-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="meter-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="meter-pct">{pct}%</span>
    </span>
  );
}
