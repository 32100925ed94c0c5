import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {packageRoot} from '../core/catalog/paths.js'
import {documentPartFailed, type DocumentPartResult} from '../core/grading/document-part.js'
import type {DocumentJob, DocumentMessage} from './document-worker.js'

/** How long judging one design document may take before its thread is stopped. */
export const DOCUMENT_TIMEOUT_MS = 15_000
/** A thread's heap: far above any document the reader admits, and far below the grader's memory. */
const THREAD_HEAP_MB = 512
/** Documents handed to a thread at once: one being judged and one waiting, so it never idles between them. */
const PER_THREAD = 2

interface Waiting {
  readonly job: Omit<DocumentJob, 'id'>
  readonly resolve: (result: DocumentPartResult) => void
}

interface Sent {
  readonly id: number
  readonly waiting: Waiting
  /** Set once the thread says it began this document: its time limit runs from then. */
  timer?: NodeJS.Timeout
}

interface Thread {
  readonly worker: Worker
  /** Documents sent to the thread, in order; the first one it has begun is the one it is judging. */
  readonly sent: Sent[]
  dead: boolean
}

/**
 * Threads that judge design documents (see document-worker.ts). A document is hostile data: one
 * might make a check loop or allocate without end. Each thread judges one document at a time
 * (with the next one already waiting), under a time limit counted from the moment it begins it and
 * a heap limit. A document that runs past either stops its thread and fails on its own (its cases
 * read "not checked: …"); the documents waiting behind it go to a fresh thread, untouched. The
 * run never waits on a stuck thread.
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
      const thread = this.pick()
      if (!thread) return
      const waiting = this.queue.shift()!
      const id = this.nextId++
      thread.sent.push({id, waiting})
      thread.worker.postMessage({...waiting.job, id} satisfies DocumentJob)
    }
  }

  /** An idle thread, else a new one while there is room, else the least loaded with room for one more. */
  private pick(): Thread | undefined {
    const live = this.threads.filter((t) => !t.dead)
    const idle = live.find((t) => t.sent.length === 0)
    if (idle) return idle
    if (live.length < this.size) return this.start()
    const least = live.reduce((best, t) => (t.sent.length < best.sent.length ? t : best))
    return least.sent.length < PER_THREAD ? least : undefined
  }

  private start(): Thread {
    // An empty environment: nothing of the grader's (tokens, the secret) in a thread that reads hostile data.
    const worker = new Worker(this.workerFile, {env: {}, resourceLimits: {maxOldGenerationSizeMb: this.heapMb}})
    const thread: Thread = {worker, sent: [], dead: false}
    this.threads.push(thread)
    worker.on('message', (message: DocumentMessage) => {
      const sent = thread.sent.find((s) => s.id === message.id)
      if (!sent || thread.dead) return
      if ('started' in message) {
        sent.timer = setTimeout(() => this.fail(thread, `checking the document took longer than ${this.timeoutMs / 1000} s`), this.timeoutMs)
        return
      }
      clearTimeout(sent.timer)
      thread.sent.splice(thread.sent.indexOf(sent), 1)
      sent.waiting.resolve('result' in message ? message.result : documentPartFailed(sent.waiting.job.definitions, `the grader failed: ${message.error}`))
      this.dispatch()
    })
    worker.on('error', (error) => this.fail(thread, /memory/i.test(error.message) ? 'checking the document ran out of memory' : `the checking thread failed: ${error.message}`))
    worker.on('exit', () => this.fail(thread, 'the checking thread stopped'))
    return thread
  }

  /**
   * Stops a thread: the document it was judging fails with `why`; the ones waiting behind it were
   * never begun, and go back to the front of the queue for a fresh thread.
   */
  private fail(thread: Thread, why: string): void {
    if (thread.dead) return
    thread.dead = true
    void thread.worker.terminate()
    const [current, ...behind] = thread.sent.splice(0)
    if (current) {
      clearTimeout(current.timer)
      current.waiting.resolve(documentPartFailed(current.waiting.job.definitions, why))
    }
    this.queue.unshift(...behind.map((s) => s.waiting))
    this.threads.splice(this.threads.indexOf(thread), 1)
    this.dispatch()
  }
}
