import type { Container } from 'kubernetes-types/core/v1';
import type { TimerHandle } from '../clock/simClock';
import type { PulledImage } from './images/imageStore';
import { ProgramInstance, type ExitInfo, type ProgramSpec } from './program/instance';
import type { FsLayer } from './program/filesystem';
import type { ProbeSet } from './probes';

export type ContainerKind = 'init' | 'sidecar' | 'regular';

/** How a run ended, as the runtime reports it. */
export interface Termination extends ExitInfo {
  reason: 'Completed' | 'Error' | 'OOMKilled';
  message?: string;
}

/** One run of a container (what containerd calls a container). */
export class ContainerInstance {
  /** The plan: when and how the program ends, given the stop signal time. */
  plan: { exit?: ExitInfo; worldDependent: boolean };
  termAt?: number;
  /** SIGKILL deadline once stopping. */
  killAt?: number;
  /** Why the kubelet is stopping it (for the message of its Killing event). */
  stopping?: 'delete' | 'liveness' | 'startup' | 'definition' | 'completed' | 'deadline';
  termination?: Termination;
  exitTimer?: TimerHandle;
  /** Startup probe passed (or none): the container counts as started. */
  started = false;
  ready = false;
  probes?: ProbeSet;
  private liveRun?: ProgramInstance;
  private oracleRun?: ProgramInstance;

  constructor(
    readonly id: string,
    readonly startedAt: number,
    readonly image: PulledImage,
    readonly spec: ProgramSpec,
    readonly root: FsLayer,
    plan: { exit?: ExitInfo; worldDependent: boolean },
    /** The user the process runs as (status.containerStatuses[].user.linux). */
    readonly user: { uid: number; gid: number; supplementalGroups: number[] },
  ) {
    this.plan = plan;
  }

  /** The run the world sees; created when first needed. */
  get live(): ProgramInstance {
    if (!this.liveRun) {
      this.liveRun = new ProgramInstance(this.spec, this.startedAt, 'live', this.termAt);
    }
    return this.liveRun;
  }

  get hasLive(): boolean {
    return !!this.liveRun;
  }

  /** The look-ahead run that answers probes (advanced strictly before each probe time). */
  oracle(): ProgramInstance {
    if (!this.oracleRun) this.oracleRun = new ProgramInstance(this.spec, this.startedAt, 'oracle', this.termAt);
    return this.oracleRun;
  }

  /** The program's view changed (a signal, the world): look-ahead runs start over. */
  resetOracle(): void {
    this.oracleRun = undefined;
  }

  get running(): boolean {
    return !this.termination;
  }

  signal(t: number): void {
    if (this.termAt !== undefined && this.termAt <= t) return;
    this.termAt = t;
    this.liveRun?.signal(t);
    this.oracleRun = undefined;
  }
}

/** A container of the pod spec and its runs. */
export class ContainerRun {
  current?: ContainerInstance;
  /** The previous run (lastState, `kubectl logs --previous`). */
  last?: ContainerInstance;
  restartCount = 0;
  /** Why it is not running, when it is not (ErrImagePull, CrashLoopBackOff, …). */
  waiting?: { reason: string; message?: string };
  /** In the kubelet's start sequence (pulling or creating). */
  starting = false;
  /** A pull in flight, cancellable. */
  cancelPull?: () => void;
  /** The next restart (after back-off) or retry. */
  retryAt?: number;
  /** The retry will most likely fail the same way: a background timer. */
  retryQuietly = false;

  constructor(
    public spec: Container,
    readonly kind: ContainerKind,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get fieldPath(): string {
    return this.kind === 'regular' ? `spec.containers{${this.name}}` : `spec.initContainers{${this.name}}`;
  }

  get running(): boolean {
    return !!this.current && this.current.running;
  }

  /** Ran to a successful end (init containers). */
  get succeeded(): boolean {
    return !!this.current?.termination && this.current.termination.code === 0;
  }
}
