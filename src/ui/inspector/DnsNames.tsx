import type { DnsName } from './networkView';

/** DNS names and CoreDNS's answers; names are text (selectable, copyable). */
export function DnsNames({ names, testId }: { names: readonly DnsName[]; testId: string }) {
  return (
    <ul className="insp-dns" data-testid={testId}>
      {names.map((n) => (
        <li key={n.name}>
          <code className="insp-dns-name">{n.name}</code>
          <span className="insp-dim mono-cell">{n.answer}</span>
        </li>
      ))}
    </ul>
  );
}
