/**
 * A thread that judges design documents: documents are data, judged without the sandbox, so the
 * work is pure computation; a class is spread over a few of these, and a document that runs too
 * long or too large stops only its own thread (see document-pool.ts). Each thread loads a unit's
 * grader once and answers one message per document.
 */
import {parentPort} from 'node:worker_threads'
import type {Unit} from '../core/catalog/model.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {judgeDocumentPart, type DocumentPartResult} from '../core/grading/document-part.js'
import {GraderCache, scenarioFor} from './grading-context.js'

export interface DocumentJob {
  readonly id: number
  readonly unit: Unit
  readonly gradersDir?: string
  /** The copied document under its name (or nothing, when the learner has none). */
  readonly files: ReadonlyMap<string, Buffer>
  /** How messages name the learner's folder. */
  readonly label: string
  readonly definitions: readonly CaseDefinition[]
  /** The learner whose scenario variant the document answers; the base scenario when absent. */
  readonly variantOf?: string
}

/** What a thread says about a document: that it began it (its time limit starts), then the result or why none. */
export type DocumentMessage = {readonly id: number; readonly started: true} | {readonly id: number; readonly result: DocumentPartResult} | {readonly id: number; readonly error: string}

const graders = new Map<string, GraderCache>()

parentPort?.on('message', async (job: DocumentJob) => {
  parentPort!.postMessage({id: job.id, started: true} satisfies DocumentMessage)
  try {
    const key = job.gradersDir ?? ''
    let cache = graders.get(key)
    if (!cache) graders.set(key, (cache = new GraderCache(job.gradersDir)))
    const grader = await cache.get(job.unit)
    const entry = grader.definition.document?.entry
    if (!entry) throw new Error(`${job.unit.id} has no document part`)
    const scenario = job.variantOf === undefined ? grader.scenario : scenarioFor(grader, job.variantOf, true)
    const result = judgeDocumentPart({files: job.files, entry, schema: grader.schema, module: grader.module, definitions: job.definitions, label: job.label, ...(scenario ? {scenario} : {}), ...(grader.definition.document?.prose ? {prose: grader.definition.document.prose} : {}), ...(grader.referenceProse ? {referenceProse: grader.referenceProse} : {})})
    parentPort!.postMessage({id: job.id, result} satisfies DocumentMessage)
  } catch (error) {
    parentPort!.postMessage({id: job.id, error: error instanceof Error ? error.message : String(error)} satisfies DocumentMessage)
  }
})
