/**
 * Threads that judge design documents (see document-worker.ts). A document is hostile data: one
 * might make a check loop or allocate without end. Each thread judges one document at a time (with
 * the next one already waiting), under a time limit counted from the moment it begins it and a
 * heap limit. A document that runs past either stops its thread and fails on its own (its cases
 * read "not checked: …"); the documents waiting behind it go to a fresh thread, untouched.
 *
 * The run must never wait on a thread that cannot answer, so every promise this pool hands out
 * settles: a thread that dies for any reason (killed, exited, out of memory, broken at start-up)
 * is taken out of service at once and accounted for when its 'exit' comes; a thread that goes
 * silent is stopped; threads that cannot start at all fail the documents instead of being
 * restarted for each one; and `close()` settles whatever is left.
 */
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
/**
 * Threads in a row that may stop before beginning any document. Past this the thread cannot start
 * (a broken build, no memory for another thread) and retrying would start one per document.
 */
const START_ATTEMPTS = 3
/** Why a document still waiting when the pool closes was not judged. */
const CLOSED = 'grading stopped before this document was checked'

interface Waiting {
  readonly job: Omit<DocumentJob, 'id'>
  readonly resolve: (result: DocumentPartResult) => void
}

interface Sent {
  readonly id: number
  readonly waiting: Waiting
  /** Set once the thread says it began this document. */
  started: boolean
  /** The document's time limit, running from when the thread began it. */
  timer?: NodeJS.Timeout
}

interface Thread {
  readonly worker: Worker
  /** Documents sent to the thread, in order; the first one it has begun is the one it is judging. */
  readonly sent: Sent[]
  /** False from the moment the thread is known to be dying: nothing more is sent to it. */
  live: boolean
  /** Whether it ever began a document: a thread that stops before that did not start. */
  begun: boolean
  /** Why it is dying, when it said so (an 'error' event) before its 'exit'. */
  why?: string
  /** Runs while the thread holds documents but has begun none of them. */
  silence?: NodeJS.Timeout
}

const settle = (waiting: Waiting, why: string) => waiting.resolve(documentPartFailed(waiting.job.definitions, why))

/** A fixed number of document threads; `judge` always settles, with a result or a failed part. */
export class DocumentPool {
  private readonly threads = new Set<Thread>()
  private readonly queue: Waiting[] = []
  private nextId = 0
  private closed = false
  /** Threads in a row that stopped before beginning a document. */
  private failedStarts = 0
  /** Set once threads cannot start: every document from then on fails with it at once. */
  private unstartable?: string

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

  /** Stops every thread; documents not yet judged fail, and any sent later fails at once. */
  async close(): Promise<void> {
    this.closed = true
    const threads = [...this.threads]
    for (const thread of threads) this.retire(thread, CLOSED)
    this.dispatch()
    await Promise.all(threads.map((t) => t.worker.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const refusal = this.closed ? CLOSED : this.unstartable
      if (refusal) {
        for (const waiting of this.queue.splice(0)) settle(waiting, refusal)
        return
      }
      const thread = this.pick()
      if (thread) this.send(thread, this.queue.shift()!)
      // Every thread is full: the next document to settle dispatches again.
      else if (!this.unstartable) return
    }
  }

  /** An idle thread, else a new one while there is room, else the least loaded with room for one more. */
  private pick(): Thread | undefined {
    const live = [...this.threads].filter((t) => t.live)
    const idle = live.find((t) => t.sent.length === 0)
    if (idle) return idle
    if (live.length < this.size) return this.start()
    const least = live.reduce((best, t) => (t.sent.length < best.sent.length ? t : best))
    return least.sent.length < PER_THREAD ? least : undefined
  }

  private send(thread: Thread, waiting: Waiting): void {
    const sent: Sent = {id: this.nextId++, waiting, started: false}
    try {
      thread.worker.postMessage({...waiting.job, id: sent.id} satisfies DocumentJob)
    } catch (error) {
      // A job that cannot be copied to a thread would fail on every thread: it fails alone, here.
      settle(waiting, `the document could not be handed to a checking thread: ${(error as Error).message}`)
      return
    }
    thread.sent.push(sent)
    this.watch(thread)
  }

  private start(): Thread | undefined {
    let worker: Worker
    try {
      // An empty environment: nothing of the grader's (tokens, the secret) in a thread that reads hostile data.
      worker = new Worker(this.workerFile, {env: {}, resourceLimits: {maxOldGenerationSizeMb: this.heapMb}})
    } catch (error) {
      // Refused before the thread exists (a bad path or option): no retry can succeed.
      this.unstartable = `no checking thread could start (${(error as Error).message})`
      return undefined
    }
    const thread: Thread = {worker, sent: [], live: true, begun: false}
    this.threads.add(thread)
    worker.on('message', (message: DocumentMessage) => {
      const sent = thread.sent.find((s) => s.id === message.id)
      if (!sent) return
      if ('started' in message) this.begin(thread, sent)
      else this.finish(thread, sent, 'result' in message ? message.result : documentPartFailed(sent.waiting.job.definitions, `the grader failed: ${message.error}`))
    })
    // Messages the thread sent before dying may still be on their way: they are delivered before
    // 'exit', so what it held is accounted for then, not here.
    worker.on('error', (error) => {
      thread.why ??= /memory/i.test(error.message) ? 'checking the document ran out of memory' : `the checking thread failed: ${error.message}`
      this.condemn(thread)
      this.dispatch()
    })
    worker.on('exit', (code) => this.retire(thread, thread.why ?? `the checking thread stopped (exit code ${code})`))
    return thread
  }

  private begin(thread: Thread, sent: Sent): void {
    sent.started = true
    thread.begun = true
    this.failedStarts = 0
    sent.timer = setTimeout(() => this.retire(thread, `checking the document took longer than ${this.timeoutMs / 1000} s`), this.timeoutMs)
    this.watch(thread)
  }

  private finish(thread: Thread, sent: Sent, result: DocumentPartResult): void {
    clearTimeout(sent.timer)
    thread.sent.splice(thread.sent.indexOf(sent), 1)
    sent.waiting.resolve(result)
    this.watch(thread)
    this.dispatch()
  }

  /**
   * A live thread that holds documents but has begun none must say it began one within the time
   * limit: one that stays silent is stuck, or never finished starting, and is stopped.
   */
  private watch(thread: Thread): void {
    const owesAnswer = thread.live && thread.sent.length > 0 && !thread.sent.some((s) => s.started)
    if (owesAnswer) thread.silence ??= setTimeout(() => this.retire(thread, `the checking thread did not answer within ${this.timeoutMs / 1000} s`), this.timeoutMs)
    else {
      clearTimeout(thread.silence)
      thread.silence = undefined
    }
  }

  /** Takes a dying thread out of service: nothing more goes to it, and a replacement may start. */
  private condemn(thread: Thread): void {
    thread.live = false
    this.watch(thread)
    void thread.worker.terminate()
  }

  /**
   * Settles everything a stopped thread held: the document it was judging fails with `why`; the
   * ones merely waiting on it were never begun, and go back to the front of the queue.
   */
  private retire(thread: Thread, why: string): void {
    if (!this.threads.delete(thread)) return
    this.condemn(thread)
    const sent = thread.sent.splice(0)
    for (const s of sent) clearTimeout(s.timer)
    if (!thread.begun && !this.closed && ++this.failedStarts >= START_ATTEMPTS) this.unstartable = `no checking thread could start (${why})`
    // A thread judges one document at a time, so the first it began is the one it was on.
    const running = sent.find((s) => s.started)
    if (running) settle(running.waiting, why)
    this.queue.unshift(...sent.filter((s) => s !== running).map((s) => s.waiting))
    this.dispatch()
  }
}
