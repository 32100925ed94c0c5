/**
 * The celebrity's post in the application servers' caches, and what reaches its partition when the
 * cached copies expire. The partition serves reads first come, first served at its read capacity,
 * its other keys' reads included; a store read's round trip is a fixed latency plus that queue.
 * Without request coalescing every read that finds the entry expired goes to the store, so when the
 * copies expire together the misses pile up faster than the partition serves them, each refresh
 * comes back later, and more reads miss meanwhile: a stampede. With coalescing a cache sends one
 * refresh and holds the other readers until it returns.
 */
import {randomFromSeed} from 'course/kit/lab'

export type Expiry = 'together' | 'spread'

export interface ExpirySetup {
  readonly caches: number
  readonly ttl: number
  readonly coalescing: boolean
  /** Reads/s of the post, spread evenly over the caches. */
  readonly postReads: number
  /** Reads/s of the partition's other keys, which never touch the caches. */
  readonly otherReads: number
  /** Reads/s the partition serves. */
  readonly capacity: number
  /** The part of a store read's round trip that is not the partition's queue, s. */
  readonly latency: number
  /** `together`: every copy expires at `expiresAt`; `spread`: each at its own moment within a TTL after it. */
  readonly expiry: Expiry
  readonly expiresAt: number
  readonly horizon: number
  readonly step: number
}

export interface ExpiryRun {
  /** Reads/s arriving at the partition in each step: the post's store reads and the other keys'. */
  readonly storeReads: number[]
  /** The post's store reads in the first second after `expiresAt`. */
  readonly postReadsFirstSecond: number
  /** The busiest step, reads/s at the partition. */
  readonly peakStoreReads: number
  /** The longest a read of another key waited at the partition after the expiry, s. */
  readonly worstOtherWait: number
  /** The longest a reader of the post waited for it after the expiry, s (reads still out at the end included). */
  readonly worstReaderWait: number
  /** When, after `expiresAt`, the partition's queue was last longer than 100 ms of work; null if it never was. */
  readonly backlogUntil: number | null
  /** Whether that queue was still there when the run ended. */
  readonly backlogAtEnd: boolean
}

/** A queue this deep is a stall a user notices. */
const BACKLOG_THRESHOLD = 0.1

export function simulateExpiry(setup: ExpirySetup, seed: number): ExpiryRun {
  const random = randomFromSeed(seed)
  const service = 1 / setup.capacity
  const steps = Math.ceil(setup.horizon / setup.step - 1e-9)
  const arrivals = new Float64Array(steps)
  const validUntil = new Float64Array(setup.caches)
  for (let cache = 0; cache < setup.caches; cache++) validUntil[cache] = setup.expiresAt + (setup.expiry === 'spread' ? random() * setup.ttl : 0)
  const refreshing = new Uint8Array(setup.caches)

  // Store reads of the post in flight, in the order they come back (the queue serves in order).
  const returnAt: number[] = []
  const returnTo: number[] = []
  let head = 0
  let partitionFree = 0
  let postReadsFirstSecond = 0
  let worstOtherWait = 0
  let worstReaderWait = 0
  let backlogUntil: number | null = null

  /** A read reaches the partition now; returns when the partition has served it. */
  const serve = (now: number): number => {
    const step = Math.floor(now / setup.step)
    if (step < steps) arrivals[step]!++
    const start = Math.max(now, partitionFree)
    if (start - now > BACKLOG_THRESHOLD && now >= setup.expiresAt) backlogUntil = now - setup.expiresAt
    partitionFree = start + service
    return partitionFree
  }
  /**
   * A cache asks the store for the post. The reader who asked waits for the answer, and with
   * coalescing so does every later reader of that cache until it comes, each less long.
   */
  const askStore = (cache: number, now: number) => {
    const back = serve(now) + setup.latency
    returnAt.push(back)
    returnTo.push(cache)
    if (now >= setup.expiresAt) worstReaderWait = Math.max(worstReaderWait, back - now)
    if (now >= setup.expiresAt && now < setup.expiresAt + 1) postReadsFirstSecond++
  }
  const settle = (until: number) => {
    while (head < returnAt.length && returnAt[head]! <= until) {
      const cache = returnTo[head]!
      validUntil[cache] = Math.max(validUntil[cache]!, returnAt[head]! + setup.ttl)
      refreshing[cache] = 0
      head++
    }
  }

  const rate = setup.postReads + setup.otherReads
  let now = 0
  for (;;) {
    now += -Math.log(1 - random()) / rate
    if (now >= setup.horizon) break
    settle(now)
    if (random() * rate < setup.otherReads) {
      const wait = serve(now) - now
      if (now >= setup.expiresAt) worstOtherWait = Math.max(worstOtherWait, wait)
      continue
    }
    const cache = Math.floor(random() * setup.caches)
    if (now < validUntil[cache]!) continue
    if (!setup.coalescing) askStore(cache, now)
    else if (!refreshing[cache]) {
      refreshing[cache] = 1
      askStore(cache, now)
    }
  }
  const storeReads = Array.from(arrivals, (count) => count / setup.step)
  const backlogAtEnd = partitionFree - setup.horizon > BACKLOG_THRESHOLD
  return {storeReads, postReadsFirstSecond, peakStoreReads: Math.max(...storeReads), worstOtherWait, worstReaderWait, backlogUntil, backlogAtEnd}
}
