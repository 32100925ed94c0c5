/** Resource limits of one sandboxed run. Defaults suit the course's exercises on a small CI machine. */
export interface SandboxLimits {
  /**
   * Processor time one case may use before the child is killed; on the clock it may take
   * WALL_ALLOWANCE times as long (a busy machine gives it less than a core), never longer.
   */
  readonly caseTimeoutMs: number
  /** Wall time the whole submission may take, all cases and restarts included. */
  readonly totalTimeoutMs: number
  /** Wall time for starting the child and loading the module. */
  readonly loadTimeoutMs: number
  /** V8 old-space limit (--max-old-space-size). */
  readonly heapMb: number
  /** prlimit --data: stops Buffer bombs, which the V8 heap limit does not see. */
  readonly dataMb: number
  /** prlimit --cpu: CPU seconds for the child's whole life. */
  readonly cpuSeconds: number
  /** Bytes kept of each of stdout and stderr; the rest is counted and dropped. */
  readonly outputBytes: number
  /** Messages the child may send before it is treated as flooding. */
  readonly maxMessages: number
  /** Bytes one message from the child may hold (a case's whole output). */
  readonly maxMessageBytes: number
  /** Bytes the child may send over its whole life. */
  readonly maxChannelBytes: number
  /** Times a fresh child is started after a case timed out, before the rest are failed. */
  readonly maxRestarts: number
}

export const DEFAULT_LIMITS: SandboxLimits = {
  caseTimeoutMs: 5_000,
  totalTimeoutMs: 60_000,
  loadTimeoutMs: 10_000,
  heapMb: 256,
  dataMb: 1024,
  cpuSeconds: 60,
  outputBytes: 16 * 1024,
  maxMessages: 10_000,
  maxMessageBytes: 8 * 1024 * 1024,
  maxChannelBytes: 64 * 1024 * 1024,
  maxRestarts: 2,
}

/** How many times its processor-time limit a case may take on the clock (it may be waiting, not computing). */
export const WALL_ALLOWANCE = 2
