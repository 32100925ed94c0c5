import {spawn, type ChildProcess} from 'node:child_process'
import type {SandboxLimits} from './limits.js'
import {isChildMessage, type ChildMessage, type ParentMessage} from './protocol.js'
import {permissionFlag, UNSHARE_ARGS, type ProtectionProbe} from './protections.js'
import {tieringFlags} from './tiering.js'

export type Waited = {readonly message: ChildMessage} | {readonly timeout: true} | {readonly closed: string}

/** Captured output of a child, capped; what goes past the cap is counted, not kept. */
export class CappedText {
  private text = ''
  private dropped = 0
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    const room = this.limit - this.text.length
    const piece = chunk.toString('utf8')
    if (room > 0) this.text += piece.slice(0, room)
    this.dropped += Math.max(0, piece.length - Math.max(room, 0))
  }
  get value(): string {
    return this.text
  }
  get truncated(): boolean {
    return this.dropped > 0
  }
}

/**
 * One sandboxed child process: started with every protection the machine has, talked to over IPC,
 * killed as a whole process group. Messages that are not this run's (wrong nonce, unknown type)
 * are ignored; more than `maxMessages` of anything kills the child as a flood.
 */
export class SandboxChild {
  readonly stdout: CappedText
  readonly stderr: CappedText
  private readonly process: ChildProcess
  private waiter: ((result: Waited) => void) | undefined
  private messages = 0
  private closedReason: string | undefined
  private killedByUs: string | undefined

  constructor(
    harness: string,
    private readonly nonce: string,
    limits: SandboxLimits,
    probe: ProtectionProbe,
  ) {
    this.stdout = new CappedText(limits.outputBytes)
    this.stderr = new CappedText(limits.outputBytes)
    const node = [process.execPath, permissionFlag(), `--allow-fs-read=${harness}`, `--max-old-space-size=${limits.heapMb}`, '--no-warnings', '--disallow-code-generation-from-strings', ...tieringFlags(), harness]
    let command = node
    if (probe.unshare) command = [probe.unshare, ...UNSHARE_ARGS, ...command]
    if (probe.prlimit) command = [probe.prlimit, `--data=${limits.dataMb * 1024 * 1024}`, `--cpu=${limits.cpuSeconds}`, '--', ...command]
    this.process = spawn(command[0]!, command.slice(1), {env: {}, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json'})
    this.process.stdout!.on('data', (chunk: Buffer) => this.stdout.add(chunk))
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.add(chunk))
    this.process.on('message', (message: unknown) => this.onMessage(message, limits.maxMessages))
    this.process.on('error', (error) => this.onClose(`could not start the sandbox: ${error.message}`))
    // 'close', not 'exit': under load 'exit' can fire before the last IPC messages are delivered.
    this.process.on('close', (code, signal) => this.onClose(this.killedByUs ?? describeExit(code, signal, this.stderr.value)))
  }

  private onMessage(message: unknown, maxMessages: number): void {
    if (++this.messages > maxMessages) {
      this.kill('the submission flooded the grader with messages')
      return
    }
    if (!isChildMessage(message, this.nonce)) return
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.({message})
  }

  private onClose(reason: string): void {
    if (this.closedReason !== undefined) return
    this.closedReason = reason
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.({closed: reason})
  }

  get closed(): string | undefined {
    return this.closedReason
  }

  send(message: ParentMessage): void {
    if (this.closedReason === undefined && this.process.connected) this.process.send(message)
  }

  /** Waits for the next message of this run that `accept` takes, the child's end, or the timeout. */
  next(accept: (message: ChildMessage) => boolean, timeoutMs: number): Promise<Waited> {
    if (this.closedReason !== undefined) return Promise.resolve({closed: this.closedReason})
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined
        resolve({timeout: true})
      }, timeoutMs)
      const wait = (result: Waited) => {
        if ('message' in result && !accept(result.message)) {
          this.waiter = wait
          return
        }
        clearTimeout(timer)
        resolve(result)
      }
      this.waiter = wait
    })
  }

  /** Kills the child's whole process group; `reason` becomes how its end is reported. */
  kill(reason: string): void {
    this.killedByUs ??= reason
    try {
      if (this.process.pid !== undefined) process.kill(-this.process.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }

  /** Resolves once the child has closed (after kill, or by itself). */
  async ended(): Promise<void> {
    if (this.closedReason !== undefined) return
    await new Promise<void>((resolve) => this.process.once('close', () => resolve()))
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return 'the submission ran out of memory (heap limit)'
  if (signal === 'SIGXCPU' || code === 152) return 'the submission used up its CPU time'
  if (signal === 'SIGKILL' || code === 137) return 'the submission was killed (memory or CPU limit)'
  if (signal) return `the submission's process was ended by ${signal}`
  if (code === 0) return "the submission's process exited before the grader was done (does it call process.exit?)"
  return `the submission's process exited with code ${code} before the grader was done`
}
