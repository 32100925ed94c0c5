import {randomBytes} from 'node:crypto'
import path from 'node:path'
import {packageRoot} from '../catalog/paths.js'
import {SandboxChild} from './child.js'
import {DEFAULT_LIMITS, WALL_ALLOWANCE, type SandboxLimits} from './limits.js'
import {probeProtections, type Protections} from './protections.js'
import {encode, type Encoded} from './values.js'

export interface SandboxCase {
  readonly id: number
  /** The case's input: all the child ever learns of a case. */
  readonly input: unknown
}

export type CaseOutcome =
  /** `ms`: the processor time the case used in the child (for a timeout, the clock's time until it was stopped). */
  | {readonly id: number; readonly kind: 'output'; readonly output: unknown; readonly ms: number; readonly printed?: string}
  | {readonly id: number; readonly kind: 'threw'; readonly error: string; readonly ms: number; readonly printed?: string}
  | {readonly id: number; readonly kind: 'timeout'; readonly ms: number}
  | {readonly id: number; readonly kind: 'crashed'; readonly reason: string}
  | {readonly id: number; readonly kind: 'not-run'; readonly reason: string}
  | {readonly id: number; readonly kind: 'skipped'; readonly reason: string}

export interface SandboxRun {
  /** Set when the module could not be imported (a runtime error at load, a crash, a timeout). */
  readonly loadError?: string
  readonly outcomes: CaseOutcome[]
  readonly stdout: string
  readonly stderr: string
  readonly outputTruncated: boolean
  readonly protections: Protections
  readonly warnings: string[]
  /** Fresh children started after a case timed out. */
  readonly restarts: number
  readonly ms: number
}

export interface SandboxOptions {
  /** The learner's module, bundled into one ES module. */
  readonly code: string
  /** The driver that turns a case input into calls on the module (see drivers.ts). */
  readonly driver: string
  readonly cases: readonly SandboxCase[]
  readonly limits?: Partial<SandboxLimits>
  /** Called as each case is sent to the child, and as each finishes, for live progress. */
  readonly onStart?: (id: number) => void
  readonly onOutcome?: (outcome: CaseOutcome) => void
  /** Asked before each case is sent: a reason not to run it (a prerequisite failed), or undefined. */
  readonly skip?: (id: number) => string | undefined
  /** A child started earlier with `bootSandbox` (with the same limits), so its start-up overlapped other work. */
  readonly booted?: BootedSandbox
}

/** A fresh sandboxed child, started and waiting for its module. */
export interface BootedSandbox {
  readonly child: SandboxChild
  readonly nonce: string
  /** Kills it unused (when there turns out to be nothing to run). */
  discard(): Promise<void>
}

/**
 * Starts a sandboxed child ahead of time: Node's start-up (tens of milliseconds) then overlaps
 * the grader's own work (bundling, generating cases). A booted child is used once, or discarded.
 */
export function bootSandbox(limits: Partial<SandboxLimits> = {}): BootedSandbox {
  const nonce = randomBytes(12).toString('hex')
  const child = new SandboxChild(harnessPath(), nonce, {...DEFAULT_LIMITS, ...limits}, probeProtections(harnessPath(), sandboxRootPath()))
  return {
    child,
    nonce,
    async discard() {
      child.kill('unused')
      await child.ended()
    },
  }
}

export function harnessPath(): string {
  return path.join(packageRoot(), 'dist', 'sandbox', 'harness.js')
}

/** An empty folder of the build's, where a child's private root is mounted (inside its namespace only). */
export function sandboxRootPath(): string {
  return path.join(packageRoot(), 'dist', 'sandbox-root')
}

/**
 * Runs the cases against the learner's code in a fresh sandboxed child (never shared with another
 * submission) and returns what each case produced. Judging happens elsewhere, in this process:
 * expected values never reach the child. A case that times out kills the child and, budget
 * permitting, a fresh one takes the next case; a child that ends on its own before the last case
 * fails every case not yet answered.
 */
export async function runSandboxed(options: SandboxOptions): Promise<SandboxRun> {
  const limits = {...DEFAULT_LIMITS, ...options.limits}
  const started = performance.now()
  const deadline = started + limits.totalTimeoutMs
  const probe = probeProtections(harnessPath(), sandboxRootPath())
  const protections: Protections = {
    permission_model: true,
    empty_environment: true,
    own_process_group: true,
    heap_limit_mb: limits.heapMb,
    prlimit: probe.prlimit !== undefined,
    namespaces: probe.unshare !== undefined,
    private_filesystem: probe.unshare !== undefined && probe.filesystem !== undefined,
  }
  const outcomes: CaseOutcome[] = []
  const record = (outcome: CaseOutcome) => {
    outcomes.push(outcome)
    options.onOutcome?.(outcome)
  }
  const stdout: string[] = []
  const stderr: string[] = []
  let truncated = false
  let restarts = 0
  let loadError: string | undefined

  const remaining = () => Math.max(0, deadline - performance.now())
  let index = 0
  let booted = options.booted
  while (index < options.cases.length && loadError === undefined) {
    const {child, nonce} = booted ?? bootSandbox(limits)
    booted = undefined
    try {
      child.send({type: 'load', nonce, code: options.code, driver: options.driver})
      const loaded = await child.next((m) => m.type === 'loaded', Math.min(limits.loadTimeoutMs, remaining()))
      if ('timeout' in loaded) loadError = 'loading the module took too long (does it run a loop at the top level?)'
      else if ('closed' in loaded) loadError = loaded.closed
      else if (loaded.message.type === 'loaded' && loaded.message.error) loadError = `the module threw while loading: ${loaded.message.error}`
      if (loadError !== undefined) break

      for (; index < options.cases.length; index++) {
        const kase = options.cases[index]!
        const skipped = options.skip?.(kase.id)
        if (skipped !== undefined) {
          record({id: kase.id, kind: 'skipped', reason: skipped})
          continue
        }
        // The limit is processor time; the clock allows twice that, for a machine that is busy.
        const wall = Math.min(limits.caseTimeoutMs * WALL_ALLOWANCE, remaining())
        const sentAt = performance.now()
        options.onStart?.(kase.id)
        child.send({type: 'case', nonce, id: kase.id, input: encode(kase.input) as Encoded})
        const answer = await child.next((m) => m.type === 'result' && m.id === kase.id, wall, limits.caseTimeoutMs)
        if ('message' in answer && answer.message.type === 'result') {
          const {message} = answer
          const printed = message.printed ? {printed: message.printed} : {}
          record(
            message.error !== undefined
              ? {id: kase.id, kind: 'threw', error: message.error, ms: message.ms, ...printed}
              : {id: kase.id, kind: 'output', output: message.output, ms: message.ms, ...printed},
          )
          continue
        }
        if ('closed' in answer) {
          record({id: kase.id, kind: 'crashed', reason: answer.closed})
          for (const rest of options.cases.slice(index + 1)) record({id: rest.id, kind: 'not-run', reason: answer.closed})
          index = options.cases.length
          break
        }
        // Timed out: this child is done for; the next case gets a fresh one if the budget allows.
        child.kill(remaining() === 0 ? 'the submission ran out of time' : 'a case ran past its time limit')
        record({id: kase.id, kind: 'timeout', ms: performance.now() - sentAt})
        index++
        if (remaining() === 0 || restarts >= limits.maxRestarts) {
          const reason = remaining() === 0 ? 'the submission ran out of time' : `stopped after ${restarts + 1} timeouts`
          for (const rest of options.cases.slice(index)) record({id: rest.id, kind: 'not-run', reason})
          index = options.cases.length
        } else {
          restarts++
        }
        break
      }
    } finally {
      child.kill('finished')
      await child.ended()
      stdout.push(child.stdout.value)
      stderr.push(child.stderr.value)
      truncated ||= child.stdout.truncated || child.stderr.truncated
    }
  }
  if (loadError !== undefined) for (const rest of options.cases.slice(index)) record({id: rest.id, kind: 'not-run', reason: loadError})
  await booted?.discard()
  return {
    ...(loadError !== undefined ? {loadError} : {}),
    outcomes,
    stdout: stdout.join(''),
    stderr: stderr.join(''),
    outputTruncated: truncated,
    protections,
    warnings: probe.warnings,
    restarts,
    ms: performance.now() - started,
  }
}
