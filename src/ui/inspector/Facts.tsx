/** A definition list of kubectl-style facts ("READY 1/1"); values are plain text. */
export function Facts({ rows }: { rows: [string, string | number | undefined][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  if (!shown.length) return null;
  return (
    <dl className="insp-facts">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
