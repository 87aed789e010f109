/**
 * Replaying a history runs the workflow code in a sandbox inside the API process: CPU and memory
 * the API also needs for everyone else. A few slots bound how many run at once; a request that
 * finds them all taken is turned away at once rather than queued behind work of unknown length.
 */
export class ReplaySlots {
  private inUse = 0;

  constructor(readonly size: number) {}

  /** Runs `work` in a free slot, or returns `busy` without running it when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<{ busy: false; value: T } | { busy: true }> {
    if (this.inUse >= this.size) return { busy: true };
    this.inUse += 1;
    try {
      return { busy: false, value: await work() };
    } finally {
      this.inUse -= 1;
    }
  }
}
