/** Flags of a node slot, for the filter loop's fast path. */
export const FLAG_UNSCHEDULABLE = 1;
/** The node has taints (of any effect): the TaintToleration filter must look. */
export const FLAG_TAINTED = 2;
export const FLAG_HOSTNAME = 4;

/**
 * The numbers the hot loops read, one typed-array entry per node slot (structure of arrays):
 * a filter or score pass over hundreds of nodes then reads contiguous memory instead of
 * chasing one object per node.
 */
export class NodeNumbers {
  allocCpu: Float64Array;
  allocMemory: Float64Array;
  allocPods: Int32Array;
  reqCpu: Float64Array;
  reqMemory: Float64Array;
  nonZeroCpu: Float64Array;
  nonZeroMemory: Float64Array;
  podCount: Int32Array;
  flags: Uint8Array;

  constructor(capacity: number) {
    this.allocCpu = new Float64Array(capacity);
    this.allocMemory = new Float64Array(capacity);
    this.allocPods = new Int32Array(capacity);
    this.reqCpu = new Float64Array(capacity);
    this.reqMemory = new Float64Array(capacity);
    this.nonZeroCpu = new Float64Array(capacity);
    this.nonZeroMemory = new Float64Array(capacity);
    this.podCount = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  grow(capacity: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.allocCpu = f64(this.allocCpu);
    this.allocMemory = f64(this.allocMemory);
    this.allocPods = i32(this.allocPods);
    this.reqCpu = f64(this.reqCpu);
    this.reqMemory = f64(this.reqMemory);
    this.nonZeroCpu = f64(this.nonZeroCpu);
    this.nonZeroMemory = f64(this.nonZeroMemory);
    this.podCount = i32(this.podCount);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
}
