/** Runs `task` over `items` with at most `concurrency` in flight; results keep the items' order. */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(concurrency, items.length))}, worker))
  return results
}

/**
 * Result files being written: grading goes on while they are, up to a bound that keeps memory flat
 * when the disk is slower than the graders. The first failed write fails the run.
 */
export class WriteQueue {
  private readonly pending = new Set<Promise<unknown>>()
  private failure: unknown

  async add(write: Promise<unknown>): Promise<void> {
    const tracked: Promise<void> = write.then(
      () => {
        this.pending.delete(tracked)
      },
      (error: unknown) => {
        this.pending.delete(tracked)
        this.failure ??= error
      },
    )
    this.pending.add(tracked)
    if (this.failure) throw this.failure
    if (this.pending.size >= 64) await Promise.race(this.pending)
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending)
    if (this.failure) throw this.failure
  }
}
