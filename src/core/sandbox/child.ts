import {spawn, type ChildProcess} from 'node:child_process'
import {closeSync} from 'node:fs'
import {GroupCpuClock} from './cpu-clock.js'
import type {Duplex} from 'node:stream'
import {filesystemArgs, insideHarness, openMountTable} from './filesystem.js'
import {ChannelViolation, FrameReader, frame} from './frames.js'
import type {SandboxLimits} from './limits.js'
import {parseChildFrame, type ChildReply, type ParentMessage} from './protocol.js'
import {permissionFlag, UNSHARE_ARGS, type ProtectionProbe} from './protections.js'
import {tieringFlags} from './tiering.js'

export type Waited = {readonly message: ChildReply} | {readonly timeout: true} | {readonly closed: string}

/** After the child exits, how long its channel and output may take to drain before they are cut. */
const DRAIN_AFTER_EXIT_MS = 250

/** How often a case's processor time is read while it runs. */
const CPU_POLL_MS = 50

/** Captured output of a child, capped; what goes past the cap is counted, not kept or decoded. */
export class CappedText {
  private readonly kept: Buffer[] = []
  private bytes = 0
  private dropped = 0
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    const room = this.limit - this.bytes
    if (room > 0) {
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk
      this.kept.push(piece)
      this.bytes += piece.length
    }
    this.dropped += Math.max(0, chunk.length - Math.max(room, 0))
  }
  /** The kept bytes as text (a character cut at the cap becomes U+FFFD). */
  get value(): string {
    return Buffer.concat(this.kept, this.bytes).toString('utf8')
  }
  get truncated(): boolean {
    return this.dropped > 0
  }
}

/**
 * Every child still running. Each runs in its own process group (detached), so a Ctrl-C at the
 * terminal does not reach it; a grader that is stopped kills them itself (`killSandboxes`).
 */
const running = new Set<SandboxChild>()

/** Kills every sandboxed child this process started that has not ended yet. */
export function killSandboxes(): void {
  for (const child of running) child.kill('the grader was stopped')
}

/** The command line that starts a child with every protection the machine has, outermost first. */
export function sandboxCommand(harness: string, limits: SandboxLimits, probe: ProtectionProbe): string[] {
  const inside = probe.unshare !== undefined ? probe.filesystem : undefined
  const script = inside ? insideHarness(harness) : harness
  const node = [inside ? inside.node : process.execPath, permissionFlag(), `--allow-fs-read=${script}`, `--max-old-space-size=${limits.heapMb}`, '--no-warnings', '--disallow-code-generation-from-strings', ...tieringFlags(), script]
  let command = node
  if (probe.unshare) command = [probe.unshare, ...UNSHARE_ARGS, ...(probe.filesystem ? filesystemArgs(probe.filesystem) : []), ...command]
  if (probe.prlimit) command = [probe.prlimit, `--data=${limits.dataMb * 1024 * 1024}`, `--cpu=${limits.cpuSeconds}`, '--', ...command]
  return command
}

/**
 * One sandboxed child process: started with every protection the machine has, talked to in frames
 * over a private socket (its descriptor 3; see frames.ts), killed as a whole process group. Every
 * frame is checked before use: one that breaks the protocol means learner code wrote to the
 * channel, and the child is killed. Well-formed messages that are not this run's (wrong nonce) are
 * ignored; more than `maxMessages` of anything kills the child as a flood.
 */
export class SandboxChild {
  readonly stdout: CappedText
  readonly stderr: CappedText
  private readonly process: ChildProcess
  private readonly channel: Duplex
  private readonly reader: FrameReader
  private waiter: ((result: Waited) => void) | undefined
  private messages = 0
  private closedReason: string | undefined
  private killedByUs: string | undefined
  private readonly closedListeners: Array<() => void> = []
  private clock: GroupCpuClock | undefined

  constructor(
    harness: string,
    private readonly nonce: string,
    private readonly limits: SandboxLimits,
    probe: ProtectionProbe,
  ) {
    this.stdout = new CappedText(limits.outputBytes)
    this.stderr = new CappedText(limits.outputBytes)
    this.reader = new FrameReader({maxFrameBytes: limits.maxMessageBytes, maxTotalBytes: limits.maxChannelBytes})
    const [command, ...args] = sandboxCommand(harness, limits, probe)
    // The private root's mount table comes on standard input; the setup closes it before Node starts.
    const table = probe.unshare && probe.filesystem ? openMountTable(probe.filesystem) : undefined
    try {
      // No IPC channel and nothing inherited but the three standard streams and the frame socket.
      this.process = spawn(command!, args, {env: {}, detached: true, stdio: [table ?? 'ignore', 'pipe', 'pipe', 'pipe']})
    } finally {
      if (table !== undefined) closeSync(table)
    }
    running.add(this)
    this.closedListeners.push(() => running.delete(this))
    this.channel = this.process.stdio[3] as Duplex
    this.process.stdout!.on('data', (chunk: Buffer) => this.stdout.add(chunk))
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.add(chunk))
    this.channel.on('data', (chunk: Buffer) => this.onBytes(chunk))
    // A write to a child that has gone away; its end is reported by 'exit'.
    this.channel.on('error', () => undefined)
    this.process.on('error', (error) => this.onClose(`could not start the sandbox: ${error.message}`))
    // The exit, then a short drain: replies written just before the end still count, but a
    // descriptor held open (by a grandchild, say) cannot keep the grader waiting.
    this.process.on('exit', (code, signal) => {
      const reason = this.killedByUs ?? describeExit(code, signal, this.stderr.value)
      const timer = setTimeout(() => {
        for (const stream of [this.channel, this.process.stdout, this.process.stderr]) stream?.destroy()
        this.onClose(reason)
      }, DRAIN_AFTER_EXIT_MS)
      this.process.once('close', () => {
        clearTimeout(timer)
        this.onClose(reason)
      })
    })
  }

  private onBytes(chunk: Buffer): void {
    if (this.closedReason !== undefined || this.killedByUs !== undefined) return
    try {
      for (const payload of this.reader.push(chunk)) {
        if (++this.messages > this.limits.maxMessages) {
          this.kill('the submission flooded the grader with messages')
          return
        }
        const message = parseChildFrame(payload)
        if (message.nonce !== this.nonce) continue
        const waiter = this.waiter
        this.waiter = undefined
        waiter?.({message})
      }
    } catch (error) {
      if (!(error instanceof ChannelViolation)) throw error
      this.kill(`the submission wrote to the grader's channel: ${error.message}`)
    }
  }

  private onClose(reason: string): void {
    if (this.closedReason !== undefined) return
    this.closedReason = reason
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.({closed: reason})
    for (const listener of this.closedListeners.splice(0)) listener()
  }

  get closed(): string | undefined {
    return this.closedReason
  }

  send(message: ParentMessage): void {
    if (this.closedReason !== undefined || this.killedByUs !== undefined || this.channel.destroyed) return
    this.channel.write(frame(Buffer.from(JSON.stringify(message), 'utf8')))
  }

  /**
   * Waits for the next message of this run that `accept` takes, the child's end, or the timeout:
   * `timeoutMs` on the clock, and, when `cpuMs` is given, that much processor time used by the
   * child while waiting (where /proc can tell; elsewhere the clock alone rules).
   */
  next(accept: (message: ChildReply) => boolean, timeoutMs: number, cpuMs?: number): Promise<Waited> {
    if (this.closedReason !== undefined) return Promise.resolve({closed: this.closedReason})
    if (this.killedByUs !== undefined) return Promise.resolve({closed: this.killedByUs})
    const clock = cpuMs === undefined ? undefined : this.cpuClock()
    const from = clock?.read()
    // Without a reading of processor time, the clock applies the processor-time limit itself.
    const wallMs = cpuMs !== undefined && from === undefined ? Math.min(timeoutMs, cpuMs) : timeoutMs
    return new Promise((resolve) => {
      const stop = () => {
        clearTimeout(timer)
        clearInterval(poll)
      }
      const timer = setTimeout(() => {
        stop()
        this.waiter = undefined
        resolve({timeout: true})
      }, wallMs)
      const poll =
        from === undefined
          ? undefined
          : setInterval(() => {
              const used = clock!.read()
              if (used === undefined || used - from < cpuMs!) return
              stop()
              this.waiter = undefined
              resolve({timeout: true})
            }, CPU_POLL_MS)
      const wait = (result: Waited) => {
        if ('message' in result && !accept(result.message)) {
          this.waiter = wait
          return
        }
        stop()
        resolve(result)
      }
      this.waiter = wait
    })
  }

  private cpuClock(): GroupCpuClock | undefined {
    if (this.process.pid === undefined) return undefined
    this.clock ??= new GroupCpuClock(this.process.pid)
    return this.clock
  }

  /** Kills the child's whole process group; `reason` becomes how its end is reported. */
  kill(reason: string): void {
    this.killedByUs ??= reason
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.({closed: this.killedByUs})
    try {
      if (this.process.pid !== undefined) process.kill(-this.process.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }

  /** Resolves once the child has ended and its streams are drained or cut. */
  async ended(): Promise<void> {
    if (this.closedReason !== undefined) return
    await new Promise<void>((resolve) => this.closedListeners.push(resolve))
  }
}

/**
 * How a child's end reads in feedback. Categories only, never the exit code itself: a submission
 * could otherwise pass a byte of a hidden input out through the code it exits with.
 */
function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return 'the submission ran out of memory (heap limit)'
  if (signal === 'SIGXCPU' || code === 152) return 'the submission used up its CPU time'
  if (signal === 'SIGKILL' || code === 137) return 'the submission was killed (memory or CPU limit)'
  if (signal) return "the submission's process was ended by a signal"
  if (code === 0) return "the submission's process exited before the grader was done (does it call process.exit?)"
  return "the submission's process exited with an error before the grader was done"
}
