import type { CommandContext } from '../shell/interpreter';
import { EPOCH_MS } from '../../../time';

/** busybox images (busybox, alpine) word their errors differently from GNU coreutils (Debian, Ubuntu). */
export function isBusybox(image: string): boolean {
  return /(^|\/)(busybox|alpine|curlimages\/curl|radial\/busyboxplus)(:|@|$)/.test(image) || /busybox/.test(image);
}

/** "No such file or directory" as the image's userland words it for `cmd` and `path`. */
export function noSuchFile(c: CommandContext, cmd: string, path: string): string {
  if (isBusybox(c.proc.image)) {
    if (cmd === 'cat' || cmd === 'tail' || cmd === 'head' || cmd === 'wc' || cmd === 'rev' || cmd === 'grep') return `${cmd}: can't open '${path}': No such file or directory\n`;
    if (cmd === 'rm') return `rm: can't remove '${path}': No such file or directory\n`;
    return `${cmd}: ${path}: No such file or directory\n`;
  }
  if (cmd === 'rm') return `rm: cannot remove '${path}': No such file or directory\n`;
  if (cmd === 'ls') return `ls: cannot access '${path}': No such file or directory\n`;
  if (cmd === 'tail') return `tail: cannot open '${path}' for reading: No such file or directory\n`;
  return `${cmd}: ${path}: No such file or directory\n`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime for the `date` command (UTC, as containers run). */
export function strftime(fmt: string, simMs: number): string {
  const d = new Date(EPOCH_MS + simMs);
  return fmt.replace(/%([a-zA-Z%])/g, (_m, k: string) => {
    switch (k) {
      case 'a':
        return DAYS[d.getUTCDay()];
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()];
      case 'd':
        return pad(d.getUTCDate());
      case 'e':
        return pad(d.getUTCDate(), 2, ' ');
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 's':
        return String(Math.floor((EPOCH_MS + simMs) / 1000));
      case 'N':
        return pad((EPOCH_MS + simMs) % 1000, 3) + '000000';
      case 'T':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'D':
        return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
      case 'F':
        return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'j': {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        return pad(Math.floor((d.getTime() - start) / 86_400_000) + 1, 3);
      }
      case '%':
        return '%';
      default:
        return `%${k}`;
    }
  });
}

/** What `date` prints with no format: "Thu Jan  1 00:00:05 UTC 2026". */
export function defaultDate(simMs: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', simMs);
}

/** Interprets backslash escapes (echo -e, printf). */
export function unescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i === s.length - 1) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
        out += '\\';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'e':
        out += '\x1b';
        break;
      case 'c':
        return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      default:
        out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

/** Parses "150M", "1G", "512k" as stress and similar tools do (binary multiples). */
export function parseBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([bBkKmMgGtT]?)$/.exec(s.trim());
  if (!m) return 0;
  const mult: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
  return Math.round(Number(m[1]) * mult[m[2].toLowerCase()]);
}

/** Parses durations as `sleep` and `stress --timeout` accept them: "30", "1.5", "2m", "1h", "infinity". */
export function parseSleep(s: string): number | undefined {
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Math.round(Number(m[1]) * mult[m[2]]);
}

/** A tiny deterministic hash (FNV-1a) for choices that must not consume the shared RNG. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` hex digits derived from a string (image digests, stable across runs and nodes). */
export function hexDigest(seed: string, n = 64): string {
  let out = '';
  let h = hash32(seed);
  let i = 0;
  while (out.length < n) {
    h = hash32(`${seed}:${i++}:${h}`);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}
