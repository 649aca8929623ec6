export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
  /** The port was written in the URL. */
  explicitPort: boolean;
}

/** "http://host:port/path?q" with the scheme optional (curl and wget assume http). */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+|\[[^\]]+\])(?::(\d+))?([^\s#]*)$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  let path = m[4] || '/';
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host: m[2].toLowerCase(), port, path, explicitPort: !!m[3] };
}
