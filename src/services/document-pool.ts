import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {packageRoot} from '../core/catalog/paths.js'
import {documentPartFailed, type DocumentPartResult} from '../core/grading/document-part.js'
import type {DocumentJob, DocumentReply} from './document-worker.js'

/** How long judging one design document may take before its thread is stopped. */
export const DOCUMENT_TIMEOUT_MS = 15_000
/** A thread's heap: far above any document the reader admits, and far below the grader's memory. */
const THREAD_HEAP_MB = 512

interface Waiting {
  readonly job: Omit<DocumentJob, 'id'>
  readonly resolve: (result: DocumentPartResult) => void
}

interface Thread {
  readonly worker: Worker
  /** The one job this thread is judging, if any. */
  busy?: {readonly id: number; readonly waiting: Waiting; readonly timer: NodeJS.Timeout}
  dead: boolean
}

/**
 * Threads that judge design documents (see document-worker.ts). A document is hostile data: one
 * might make a check loop or allocate without end. So each thread judges one document at a time,
 * under a time limit and a heap limit; a document that runs past either stops its thread, fails
 * on its own (its cases read "not checked: …"), and a fresh thread takes the next job. Nothing
 * else is lost, and the run never waits on a stuck thread.
 */
export class DocumentPool {
  private readonly threads: Thread[] = []
  private readonly queue: Waiting[] = []
  private nextId = 0
  private closed = false

  private readonly timeoutMs: number
  private readonly heapMb: number
  private readonly workerFile: string

  constructor(
    private readonly size: number,
    options: {readonly timeoutMs?: number; readonly heapMb?: number; readonly workerFile?: string} = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DOCUMENT_TIMEOUT_MS
    this.heapMb = options.heapMb ?? THREAD_HEAP_MB
    // The thread's script: the built document worker (tests pass a stand-in).
    this.workerFile = options.workerFile ?? path.join(packageRoot(), 'dist', 'document-worker.js')
  }

  judge(job: Omit<DocumentJob, 'id'>): Promise<DocumentPartResult> {
    return new Promise((resolve) => {
      this.queue.push({job, resolve})
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.threads.map((t) => t.worker.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread = this.threads.find((t) => !t.dead && !t.busy) ?? (this.liveThreads() < this.size ? this.start() : undefined)
      if (!thread) return
      const waiting = this.queue.shift()!
      const id = this.nextId++
      const timer = setTimeout(() => this.fail(thread, `checking the document took longer than ${this.timeoutMs / 1000} s`), this.timeoutMs)
      thread.busy = {id, waiting, timer}
      thread.worker.postMessage({...waiting.job, id} satisfies DocumentJob)
    }
  }

  private liveThreads(): number {
    return this.threads.filter((t) => !t.dead).length
  }

  private start(): Thread {
    // An empty environment: nothing of the grader's (tokens, the secret) in a thread that reads hostile data.
    const worker = new Worker(this.workerFile, {env: {}, resourceLimits: {maxOldGenerationSizeMb: this.heapMb}})
    const thread: Thread = {worker, dead: false}
    this.threads.push(thread)
    worker.on('message', (reply: DocumentReply) => {
      const busy = thread.busy
      if (!busy || busy.id !== reply.id) return
      clearTimeout(busy.timer)
      thread.busy = undefined
      busy.waiting.resolve('result' in reply ? reply.result : documentPartFailed(busy.waiting.job.definitions, `the grader failed: ${reply.error}`))
      this.dispatch()
    })
    worker.on('error', (error) => this.fail(thread, /memory/i.test(error.message) ? 'checking the document ran out of memory' : `the checking thread failed: ${error.message}`))
    worker.on('exit', () => this.fail(thread, 'the checking thread stopped'))
    return thread
  }

  /** Stops a thread; the job it held fails with `why`, and the queue moves on to a fresh thread. */
  private fail(thread: Thread, why: string): void {
    if (thread.dead) return
    thread.dead = true
    void thread.worker.terminate()
    const busy = thread.busy
    thread.busy = undefined
    if (busy) {
      clearTimeout(busy.timer)
      busy.waiting.resolve(documentPartFailed(busy.waiting.job.definitions, why))
    }
    this.threads.splice(this.threads.indexOf(thread), 1)
    this.dispatch()
  }
}
