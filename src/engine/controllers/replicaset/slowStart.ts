/** controller.SlowStartInitialBatchSize: the first batch of creations is a single call. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The replica set controller's --concurrent burst: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go): calls `fn` `count` times in batches
 * of 1, 2, 4, 8, … A batch runs in full (upstream runs it in parallel), and the first batch with
 * a failure stops the rest, so a doomed request (quota, admission) fails once or twice instead of
 * `count` times. Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => unknown): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: unknown;
    let failed = false;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) firstError = e;
        failed = true;
      }
    }
    if (failed) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}
