import type { SimClock, TimerHandle } from '../../clock/simClock';
import type { Rng } from '../../random';
import { imageDigest, lookupImage, PRELOADED_IMAGES, type ImageInfo } from './catalog';
import { parseImageRef, type ImageRef } from './reference';
import { PULL_BANDWIDTH_BYTES_PER_S, PULL_LATENCY_MS } from '../timings';

export interface PulledImage {
  ref: ImageRef;
  info: ImageInfo;
  /** Names containerd lists for the image (repo digest and tag). */
  names: string[];
}

export type PullResult = { ok: true; image: PulledImage; pullMs: number; totalMs: number } | { ok: false; error: string };

interface PullJob {
  ref: ImageRef;
  requestedAt: number;
  done: (r: PullResult) => void;
  cancelled: boolean;
}

/**
 * One node's containerd image store and the kubelet's serialized image puller
 * (serializeImagePulls: true, the default): pulls queue and run one at a time.
 */
export class NodeImageStore {
  private readonly images = new Map<string, PulledImage>();
  private readonly queue: PullJob[] = [];
  private current?: { job: PullJob; timer: TimerHandle };
  /** Called when the set of images changes (the node status lists them). */
  onChange?: () => void;

  constructor(
    private readonly clock: SimClock,
    private readonly rng: Rng,
  ) {
    for (const p of PRELOADED_IMAGES) {
      const ref = parseImageRef(p.name);
      const info = lookupImage(ref).info!;
      this.images.set(ref.normalized, { ref, info: { ...info, size: p.size }, names: [`${ref.repository}@${imageDigest(ref)}`, ref.normalized] });
    }
  }

  get(ref: ImageRef): PulledImage | undefined {
    return this.images.get(ref.normalized);
  }

  /** Every image, largest first (as the node status lists them). */
  list(): PulledImage[] {
    return [...this.images.values()].sort((a, b) => b.info.size - a.info.size || a.ref.normalized.localeCompare(b.ref.normalized));
  }

  /** Queues a pull; `done` runs when it finishes. Returns a cancel function. */
  pull(ref: ImageRef, done: (r: PullResult) => void): () => void {
    const job: PullJob = { ref, requestedAt: this.clock.now(), done, cancelled: false };
    this.queue.push(job);
    this.startNext();
    return () => {
      job.cancelled = true;
      if (this.current?.job === job) {
        this.clock.cancel(this.current.timer);
        this.current = undefined;
        this.startNext();
      }
    };
  }

  /** The kubelet stopped: pulls in flight and queued are abandoned. */
  abortAll(): void {
    if (this.current) this.clock.cancel(this.current.timer);
    this.current = undefined;
    for (const j of this.queue) j.cancelled = true;
    this.queue.length = 0;
  }

  private startNext(): void {
    if (this.current) return;
    let job: PullJob | undefined;
    while ((job = this.queue.shift()) && job.cancelled) {
      /* skip */
    }
    if (!job) return;
    const ref = job.ref;
    const answer = lookupImage(ref);
    const latency = PULL_LATENCY_MS + this.rng.int(PULL_LATENCY_MS);
    let duration: number;
    let result: (start: number) => PullResult;
    if (answer.failure) {
      duration = answer.failure.kind === 'noSuchHost' ? 40 + this.rng.int(160) : latency;
      const message = pullErrorMessage(ref, answer.failure.kind);
      result = () => ({ ok: false, error: message });
    } else {
      const present = this.images.has(ref.normalized);
      // Already in the content store (pulled meanwhile): only the manifest is fetched.
      duration = present ? Math.round(latency / 2) : latency + Math.round((answer.info!.size / PULL_BANDWIDTH_BYTES_PER_S) * 1000);
      const image: PulledImage = { ref, info: answer.info!, names: [`${ref.repository}@${imageDigest(ref)}`, ref.normalized] };
      result = (start) => {
        if (!this.images.has(ref.normalized)) {
          this.images.set(ref.normalized, image);
          this.onChange?.();
        }
        return { ok: true, image: this.images.get(ref.normalized)!, pullMs: this.clock.now() - start, totalMs: this.clock.now() - job!.requestedAt };
      };
    }
    const start = this.clock.now();
    const timer = this.clock.after(duration, 'kubelet:image-pull', () => {
      this.current = undefined;
      const r = result(start);
      if (!job!.cancelled) job!.done(r);
      this.startNext();
    });
    this.current = { job, timer };
  }
}

/** containerd's error for a failed pull, as the kubelet relays it (rpc status included). */
export function pullErrorMessage(ref: ImageRef, kind: 'tagNotFound' | 'repoNotFound' | 'noSuchHost'): string {
  const name = ref.normalized;
  const prefix = `failed to pull and unpack image "${name}": failed to resolve reference "${name}"`;
  switch (kind) {
    case 'tagNotFound':
      return `rpc error: code = NotFound desc = ${prefix}: ${name}: not found`;
    case 'repoNotFound':
      return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    case 'noSuchHost': {
      const host = ref.domain.replace(/:\d+$/, '');
      return `rpc error: code = Unknown desc = ${prefix}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag || ref.digest}": dial tcp: lookup ${host} on 127.0.0.11:53: no such host`;
    }
  }
}
