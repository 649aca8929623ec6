/**
 * The simulated file systems of containers. Every write is stamped with the simulated time it
 * happened at, so a reader can ask what a path held at any moment: the live run of a program,
 * its look-ahead (to find when it exits) and its probe oracle (to know a probe's answer before
 * the probe fires) all read the same layers at their own times without disturbing each other.
 */

/** Contents of a path at one time; null records a removal. */
export interface FsEntry {
  readonly t: number;
  readonly content: string | null;
  readonly dir?: boolean;
}

/** Histories kept per path: enough for any reader close to the present. */
const MAX_HISTORY = 64;

export interface FsSource {
  /** The latest entry for `path` written at or before `t` (strictly before when `strict`). */
  lookup(path: string, t: number, strict: boolean): FsEntry | undefined;
  /** Paths (relative to this source's root) that have ever had an entry. */
  paths(): Iterable<string>;
}

/** A writable, time-stamped layer: an emptyDir, a container's own root, a hostPath, a PV. */
export class FsLayer implements FsSource {
  private readonly entries = new Map<string, FsEntry[]>();

  write(path: string, t: number, content: string | null, dir = false): void {
    let list = this.entries.get(path);
    if (!list) this.entries.set(path, (list = []));
    const entry: FsEntry = dir ? { t, content, dir } : { t, content };
    // Keep entries sorted by time; equal times keep write order (the later write wins).
    let i = list.length;
    while (i > 0 && list[i - 1].t > t) i--;
    list.splice(i, 0, entry);
    if (list.length > MAX_HISTORY) list.splice(0, list.length - MAX_HISTORY);
  }

  lookup(path: string, t: number, strict: boolean): FsEntry | undefined {
    const list = this.entries.get(path);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (strict ? e.t < t : e.t <= t) return e;
    }
    return undefined;
  }

  paths(): Iterable<string> {
    return this.entries.keys();
  }
}

/** Read-only content computed when read (configMap, secret, downwardAPI volumes; image files). */
export class StaticSource implements FsSource {
  constructor(private readonly files: () => ReadonlyMap<string, string>) {}

  lookup(path: string, _t: number, _strict: boolean): FsEntry | undefined {
    const v = this.files().get(path);
    return v === undefined ? undefined : { t: -Infinity, content: v };
  }

  paths(): Iterable<string> {
    return this.files().keys();
  }
}

export interface Mount {
  /** Absolute mount path without a trailing slash ("/etc/config"). */
  path: string;
  source: FsSource;
  /** Where writes under this mount go; absent for read-only mounts. */
  layer?: FsLayer;
  /** subPath: the mount shows this directory of the source. */
  subPath?: string;
  readOnly: boolean;
}

export class FsError extends Error {}

export function normalizePath(p: string, cwd = '/'): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/**
 * What one process sees: its mounts over its container's own root, an image's files beneath,
 * and (for look-ahead runs) an overlay that takes its writes without touching shared layers.
 */
export class FsView {
  constructor(
    private readonly root: FsLayer,
    private readonly mounts: readonly Mount[],
    private readonly image: FsSource,
    private readonly overlays: readonly FsLayer[] = [],
  ) {}

  /** A view that writes into a private overlay (for look-ahead and probe runs); forks nest. */
  fork(): FsView {
    return new FsView(this.root, this.mounts, this.image, [...this.overlays, new FsLayer()]);
  }

  private get overlay(): FsLayer | undefined {
    return this.overlays[this.overlays.length - 1];
  }

  private resolve(path: string): { mount?: Mount; rel: string } {
    let best: Mount | undefined;
    for (const m of this.mounts) {
      if ((path === m.path || path.startsWith(`${m.path}/`)) && (!best || m.path.length > best.path.length)) best = m;
    }
    if (!best) return { rel: path };
    let rel = path.slice(best.path.length).replace(/^\//, '');
    if (best.subPath) rel = rel ? `${best.subPath}/${rel}` : best.subPath;
    return { mount: best, rel };
  }

  private latest(path: string, t: number, strict: boolean): FsEntry | undefined {
    const { mount, rel } = this.resolve(path);
    const candidates: (FsEntry | undefined)[] = [];
    for (const o of this.overlays) candidates.push(o.lookup(path, t, strict));
    if (mount) {
      candidates.push(mount.source.lookup(rel, t, strict));
    } else {
      candidates.push(this.root.lookup(path, t, strict));
      candidates.push(this.image.lookup(path, t, strict));
    }
    let best: FsEntry | undefined;
    for (const c of candidates) if (c && (!best || c.t >= best.t)) best = c;
    return best;
  }

  read(path: string, t: number, strict = false): string | undefined {
    const e = this.latest(path, t, strict);
    return e && e.content !== null && !e.dir ? e.content : undefined;
  }

  kind(path: string, t: number, strict = false): 'file' | 'dir' | undefined {
    if (path === '/') return 'dir';
    const e = this.latest(path, t, strict);
    if (e && e.content !== null) return e.dir ? 'dir' : 'file';
    if (e && e.content === null) return undefined;
    if (this.mounts.some((m) => m.path === path || m.path.startsWith(`${path}/`))) return 'dir';
    return this.list(path, t, strict).length > 0 ? 'dir' : undefined;
  }

  write(path: string, t: number, content: string | null, dir = false): void {
    const { mount, rel } = this.resolve(path);
    if (mount && (mount.readOnly || !mount.layer)) throw new FsError('Read-only file system');
    if (this.overlay) this.overlay.write(path, t, content, dir);
    else if (mount) mount.layer!.write(rel, t, content, dir);
    else this.root.write(path, t, content, dir);
  }

  /** Names directly inside a directory at time t, sorted. */
  list(dir: string, t: number, strict = false): string[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const names = new Set<string>();
    const consider = (abs: string) => {
      if (!abs.startsWith(prefix) || abs === dir) return;
      const name = abs.slice(prefix.length).split('/')[0];
      if (name) names.add(name);
    };
    const { mount, rel } = this.resolve(dir);
    const sources: { src: FsSource; toAbs: (p: string) => string | undefined }[] = [];
    if (mount) {
      const base = rel;
      sources.push({
        src: mount.source,
        toAbs: (p) => {
          if (base && !(p === base || p.startsWith(`${base}/`))) return undefined;
          const r = base ? p.slice(base.length).replace(/^\//, '') : p;
          return `${dir === '/' ? '' : dir}/${r}`;
        },
      });
    } else {
      sources.push({ src: this.root, toAbs: (p) => p });
      sources.push({ src: this.image, toAbs: (p) => p });
      for (const m of this.mounts) if (m.path.startsWith(prefix)) consider(m.path);
    }
    for (const o of this.overlays) sources.push({ src: o, toAbs: (p) => p });
    for (const { src, toAbs } of sources) {
      for (const p of src.paths()) {
        const abs = toAbs(p);
        if (abs === undefined || !abs.startsWith(prefix)) continue;
        const name = abs.slice(prefix.length).split('/')[0];
        if (!name) continue;
        const child = `${prefix}${name}`;
        if (names.has(name)) continue;
        // The child exists if it (or something under it) holds content now.
        if (child === abs ? this.latest(child, t, strict)?.content != null : true) consider(abs);
      }
    }
    return [...names].sort();
  }
}
