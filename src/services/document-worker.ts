import {parentPort} from 'node:worker_threads'
import type {Unit} from '../core/catalog/model.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {GraderCache, gradeOne} from './grading-context.js'

/**
 * A thread that grades design documents: documents are data, judged without the sandbox, so the
 * work is pure computation and a class is graded on every core by a few of these. Each thread
 * loads a unit's grader once and answers one message per submission.
 */
export interface DocumentJob {
  readonly id: number
  readonly unit: Unit
  readonly gradersDir?: string
  readonly dir: string
  readonly learner: string
  readonly secret?: string
  readonly extraCases: readonly CaseDefinition[]
}

const graders = new Map<string, GraderCache>()

parentPort?.on('message', async (job: DocumentJob) => {
  try {
    const key = job.gradersDir ?? ''
    let cache = graders.get(key)
    if (!cache) graders.set(key, (cache = new GraderCache(job.gradersDir)))
    const grader = await cache.get(job.unit)
    const result = await gradeOne(grader, {dir: job.dir, learner: job.learner, mode: 'grade', ...(job.secret ? {secret: job.secret} : {}), extraCases: job.extraCases})
    parentPort!.postMessage({id: job.id, result})
  } catch (error) {
    parentPort!.postMessage({id: job.id, error: error instanceof Error ? error.message : String(error)})
  }
})
