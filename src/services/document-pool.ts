import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {packageRoot} from '../core/catalog/paths.js'
import type {SubmissionResult} from '../core/grading/result.js'
import type {DocumentJob} from './document-worker.js'

/**
 * Worker threads for design documents (see document-worker.ts). Jobs go to the thread with the
 * fewest in flight; a thread that dies takes its jobs down with an error, never the run.
 */
export class DocumentPool {
  private readonly threads: Array<{worker: Worker; inFlight: number}> = []
  private readonly waiting = new Map<number, {resolve: (r: SubmissionResult) => void; reject: (e: Error) => void; thread: number}>()
  private nextId = 0

  constructor(private readonly size: number) {}

  grade(job: Omit<DocumentJob, 'id'>): Promise<SubmissionResult> {
    if (this.threads.length < this.size) this.start()
    const index = this.threads.reduce((best, t, i) => (t.inFlight < this.threads[best]!.inFlight ? i : best), 0)
    const thread = this.threads[index]!
    const id = this.nextId++
    thread.inFlight++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {resolve, reject, thread: index})
      thread.worker.postMessage({...job, id} satisfies DocumentJob)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()))
  }

  private start(): void {
    const index = this.threads.length
    const worker = new Worker(path.join(packageRoot(), 'dist', 'document-worker.js'))
    const thread = {worker, inFlight: 0}
    this.threads.push(thread)
    worker.on('message', (message: {id: number; result?: SubmissionResult; error?: string}) => {
      const waiter = this.waiting.get(message.id)
      if (!waiter) return
      this.waiting.delete(message.id)
      thread.inFlight--
      if (message.result) waiter.resolve(message.result)
      else waiter.reject(new Error(message.error ?? 'the document grader failed'))
    })
    worker.on('error', (error) => this.failThread(index, error))
    worker.on('exit', (code) => this.failThread(index, new Error(`a document grading thread stopped (exit ${code})`)))
  }

  private failThread(index: number, error: Error): void {
    for (const [id, waiter] of this.waiting) {
      if (waiter.thread !== index) continue
      this.waiting.delete(id)
      waiter.reject(error)
    }
  }
}
