import type { FsView } from './filesystem';

/**
 * What a simulated process can block on. The driver resumes the program when the sleep ends, or
 * early (with `interrupted`) when a signal arrives during an interruptible step.
 */
export type Step = { kind: 'sleep'; ms: number; interruptible?: boolean } | { kind: 'forever'; interruptible?: boolean; busy?: boolean };

/** What the driver passes back when it resumes a blocked program. */
export interface Resume {
  interrupted?: boolean;
}

export type Program = Generator<Step, number, Resume | undefined>;

/** An HTTP answer from a simulated server. */
export interface HttpResponse {
  status: number;
  body: string;
}

/** Something listening on a port in the pod's network namespace. */
export interface Listener {
  /** The program that listens ("nginx"), for messages. */
  name: string;
  /** Absolute simulated time from which connections are accepted. */
  since: number;
  http?: (path: string, t: number) => HttpResponse;
  grpc?: boolean;
}

/** Resource use and network presence of a running process, as the program declares it. */
export class Traits {
  readonly listeners = new Map<number, Listener>();
  /** Working-set memory in bytes. */
  memoryBytes = 0;
  /** CPU the process would use if unthrottled, in millicores. */
  cpuMilli = 0;
  /** Cost of one served request, in millicores per request per second. */
  cpuPerRequest = 0.2;
}

/** A request's end as a client sees it (the cluster network's answer). */
export interface WorldResponse {
  status?: number;
  body?: string;
  /** Why there is no answer: name not found, DNS unreachable, refused, timed out, not HTTP. */
  error?: 'resolve' | 'dns-timeout' | 'refused' | 'timeout' | 'empty' | 'bad-url';
  /** The address connected to. */
  address?: string;
  latencyMs: number;
}

/** A DNS answer as a client's resolver gets it. */
export interface WorldLookup {
  server: string;
  /** The resolver could not reach its server (a NetworkPolicy, a dead node). */
  timeout: boolean;
  /** The name that answered (after the search list), and any CNAMEs on the way. */
  name?: string;
  cnames: { name: string; target: string }[];
  addresses: string[];
  /** A name for an address (the PTR record), when the cluster DNS has one. */
  ptr?(ip: string): string | undefined;
}

/** The world outside the container that some commands consult (DNS, HTTP to other hosts). */
export interface World {
  /** The cluster network's full answer to a request (when the network runs). */
  request?(url: string, t: number, hostHeader?: string): WorldResponse;
  /** The resolver's full answer (when the network runs). */
  lookup?(name: string, t: number): WorldLookup;
  /** An ICMP echo to an address: the reply's TTL and round trip, or undefined when nothing answers. */
  ping?(address: string, t: number): { ttl: number; ms: number } | undefined;
  /** Whether `host` resolves at absolute time `t`; `undefined` = answer unknown (treated as no). */
  resolves(host: string, t: number): boolean;
  /** The cluster IP or external address a host resolves to (for messages). */
  address(host: string, t: number): string;
  /** Whether a TCP connection to host:port succeeds at t. */
  connect(host: string, port: number, t: number): boolean;
  /** An HTTP GET from inside the pod; `undefined` when nothing answers. */
  http(host: string, port: number, path: string, t: number): HttpResponse | undefined;
}

/** Thrown by `exit`: unwinds the program with a status. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** The container's memory limit was exceeded: the kernel OOM killer ends it (exit 137). */
export class OomKill {}

export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** Where a command's output goes. */
export interface Output {
  write(fd: 1 | 2, text: string): void;
}

/** The process environment shared by the shell and the commands it runs. */
export interface Process {
  /** Absolute simulated time at the program's current position. */
  time: number;
  readonly startedAt: number;
  /** When SIGTERM (or the image's stop signal) reaches PID 1, if it has been sent. */
  termAt?: number;
  /** This run only looks ahead (plan or probe oracle): nothing it does is observable. */
  readonly lookahead: boolean;
  /** This run only finds when the program ends: endless loops may be skipped. */
  readonly planning: boolean;
  readonly fs: FsView;
  readonly world: World;
  readonly traits: Traits;
  readonly hostname: string;
  readonly podIP: string;
  /** The container's memory limit in bytes (the node's memory when unlimited). */
  readonly memoryLimit: number;
  /** The pod shares its PID namespace: the app is not PID 1, so unhandled TERM kills it. */
  readonly sharedPidNamespace: boolean;
  /**
   * A run that must end (a regular init container, a probe, a hook, kubectl exec): unknown
   * commands finish at once instead of running forever as a main program would.
   */
  readonly initContainer: boolean;
  /** The image the process runs (for image-specific behaviour). */
  readonly image: string;
  /** The container's declared containerPorts: servers listen on them too. */
  readonly declaredPorts: readonly number[];
  /** Set when the program consulted the world (DNS, HTTP): its plan can change when the world does. */
  worldDependent: boolean;
  /** Counts work done, to stop runaway programs. */
  steps: number;
  /** Log writer: text goes to the container log stream. */
  readonly log: Output;
  /** The container has stdin and a TTY (kubectl run -it): shells wait for input instead of exiting. */
  readonly interactive: boolean;
  /** A command now holds this much memory (bytes, on top of the baseline); over the limit the OOM killer strikes. */
  useMemory(bytes: number): void;
  /** For commands run beside the main program (hooks, exec): is the main program `name` running at t? */
  mainRunning?(name: string, t: number): boolean;
  /** For commands run beside the main program: deliver a signal to it (nginx -s quit, killall). */
  signalMain?(name: string, signal: 'TERM' | 'QUIT' | 'KILL', t: number): void;
}

/** The work budget of one run; past it a program is taken to run forever. */
export const STEP_BUDGET = 200_000;
