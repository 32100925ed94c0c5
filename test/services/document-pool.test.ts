import path from 'node:path'
import type {Worker} from 'node:worker_threads'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {CaseDefinition} from '../../src/core/grading/definition.js'
import type {DocumentPartResult} from '../../src/core/grading/document-part.js'
import {DocumentPool} from '../../src/services/document-pool.js'
import {ROOT} from '../helpers/cli.js'

/**
 * Design documents are hostile data judged on threads: one that runs too long or too large stops
 * only its own thread, and fails on its own; every other document is still judged. A thread that
 * dies for any other reason, or never starts, must not leave a document waiting forever.
 */
const WORKERS = path.join(ROOT, 'test', 'fixtures', 'workers')
const STAND_IN = path.join(WORKERS, 'document-stand-in.mjs')

const definition = (name: string): CaseDefinition => ({name, title: name, points: 1, visibility: 'visible', failure: 'f', hint: 'h'})
const job = (name: string) => ({unit: {id: 'u'} as never, files: new Map<string, Buffer>(), label: 'u/', definitions: [definition(name), definition(`${name}-second`)]})
const statuses = (result: DocumentPartResult) => result.cases.map((c) => c.status)
const feedback = (result: DocumentPartResult) => [...new Set(result.cases.map((c) => c.feedback))]

/** A class of `size` documents, every one judged normally except the markers at the given places. */
function classWith(size: number, markers: Record<number, string>): string[] {
  return Array.from({length: size}, (_, i) => markers[i] ?? `ok-${i}`)
}

/** Every thread started in this process while a test runs (Node announces each on `process`). */
const started: Worker[] = []
const onWorker = (worker: Worker) => started.push(worker)
beforeAll(() => process.on('worker', onWorker))
afterEach(() => {
  started.length = 0
})
afterAll(() => process.off('worker', onWorker))

describe('DocumentPool', () => {
  it('fails a document that loops or exhausts its heap, and judges every other one', async () => {
    const pool = new DocumentPool(2, {timeoutMs: 3_000, heapMb: 32, workerFile: STAND_IN})
    try {
      const names = ['ok-1', 'loop', 'ok-2', 'bomb', 'ok-3', 'throw', 'ok-4', 'ok-5']
      const results = await Promise.all(names.map((name) => pool.judge(job(name))))
      const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]))
      for (const name of names.filter((n) => n.startsWith('ok-'))) expect(byName[name]!.cases.map((c) => c.status)).toEqual(['passed', 'passed'])
      expect(byName.loop!.cases.map((c) => [c.status, c.feedback])).toEqual([
        ['error', 'not checked: checking the document took longer than 3 s'],
        ['error', 'not checked: checking the document took longer than 3 s'],
      ])
      // The heap limit stops it, or on a very busy machine the time limit comes first: either way it fails alone.
      expect(byName.bomb!.error?.message).toMatch(/ran out of memory|thread stopped|thread failed|took longer/)
      expect(byName.throw!.error?.message).toBe('the grader failed: the check broke')
    } finally {
      await pool.close()
    }
  }, 60_000)

  it('settles a whole class when threads die in the middle of it: each victim fails alone, with why', async () => {
    // The time limit is far away: only the deaths below may stop a thread.
    const pool = new DocumentPool(2, {timeoutMs: 60_000, workerFile: STAND_IN})
    try {
      // The first document goes to the first thread, which is killed from outside once it begins it.
      process.once('worker', (first) => first.once('message', () => void first.terminate()))
      const names = classWith(30, {0: 'loop', 11: 'exit', 22: 'crash'})
      const results = await Promise.all(names.map((name) => pool.judge(job(name))))
      const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]))
      expect(feedback(byName.loop!)).toEqual(['not checked: the checking thread stopped (exit code 1)'])
      expect(feedback(byName.exit!)).toEqual(['not checked: the checking thread stopped (exit code 7)'])
      expect(feedback(byName.crash!)).toEqual(['not checked: the checking thread failed: the thread crashed'])
      for (const name of names.filter((n) => n.startsWith('ok-'))) expect(statuses(byName[name]!), name).toEqual(['passed', 'passed'])
    } finally {
      await pool.close()
    }
  }, 60_000)

  it('re-sends what a thread held when it stops between documents, idle or with one waiting', async () => {
    const pool = new DocumentPool(1, {workerFile: STAND_IN})
    try {
      // Alone: the thread answers, then stops while idle; the next document may reach it before its exit is known.
      expect(statuses(await pool.judge(job('leave')))).toEqual(['passed', 'passed'])
      const names = classWith(30, {3: 'leave', 12: 'leave', 13: 'leave', 20: 'leave'})
      const results = await Promise.all(names.map((name) => pool.judge(job(name))))
      names.forEach((name, i) => expect(statuses(results[i]!), name).toEqual(['passed', 'passed']))
      // One thread to begin with, and one more after each that stopped with work still to do.
      expect(started).toHaveLength(1 + 5)
    } finally {
      await pool.close()
    }
  }, 30_000)

  it('fails every document, without starting a thread per document, when threads cannot start', async () => {
    const pool = new DocumentPool(2, {workerFile: path.join(WORKERS, 'document-broken.mjs')})
    try {
      const results = await Promise.all(classWith(30, {}).map((name) => pool.judge(job(name))))
      const threads = started.length
      expect(threads).toBeLessThanOrEqual(6)
      for (const result of results) expect(feedback(result)).toEqual(['not checked: no checking thread could start (the checking thread failed: the worker could not load)'])
      // Later documents fail at once too: nothing more is started.
      expect(statuses(await pool.judge(job('late')))).toEqual(['error', 'error'])
      expect(started).toHaveLength(threads)
    } finally {
      await pool.close()
    }
  }, 30_000)

  it('stops threads that never answer, and fails their documents', async () => {
    const pool = new DocumentPool(2, {timeoutMs: 1_000, workerFile: path.join(WORKERS, 'document-silent.mjs')})
    try {
      const results = await Promise.all(classWith(6, {}).map((name) => pool.judge(job(name))))
      for (const result of results) expect(feedback(result)).toEqual(['not checked: no checking thread could start (the checking thread did not answer within 1 s)'])
    } finally {
      await pool.close()
    }
  }, 30_000)

  it('settles every document on close, and fails one sent after it at once', async () => {
    const pool = new DocumentPool(1, {timeoutMs: 60_000, workerFile: STAND_IN})
    const pending = ['loop', 'ok-1', 'ok-2', 'ok-3'].map((name) => pool.judge(job(name)))
    await pool.close()
    for (const result of await Promise.all(pending)) expect(feedback(result)).toEqual(['not checked: grading stopped before this document was checked'])
    expect(feedback(await pool.judge(job('late')))).toEqual(['not checked: grading stopped before this document was checked'])
  }, 30_000)
})
