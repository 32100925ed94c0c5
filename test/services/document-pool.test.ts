import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CaseDefinition} from '../../src/core/grading/definition.js'
import {DocumentPool} from '../../src/services/document-pool.js'
import {ROOT} from '../helpers/cli.js'

/**
 * Design documents are hostile data judged on threads: one that runs too long or too large stops
 * only its own thread, and fails on its own; every other document is still judged.
 */
const STAND_IN = path.join(ROOT, 'test', 'fixtures', 'workers', 'document-stand-in.mjs')

const definition = (name: string): CaseDefinition => ({name, title: name, points: 1, visibility: 'visible', failure: 'f', hint: 'h'})
const job = (name: string) => ({unit: {id: 'u'} as never, files: new Map<string, Buffer>(), label: 'u/', definitions: [definition(name), definition(`${name}-second`)]})

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
})
