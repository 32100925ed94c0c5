import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Unit} from '../core/catalog/model.js'
import {loadScenario} from '../core/catalog/scenario.js'
import {formatOf, readDocumentBytes} from '../core/documents/read.js'
import {referenceShinglesOf} from '../core/grading/review.js'
import {gradeSubmission, type GradeRequest} from '../core/grading/grade.js'
import {loadGrader, type LoadedGrader} from '../core/grading/load.js'
import type {SubmissionResult} from '../core/grading/result.js'
import {drawVariant, type Scenario} from '../core/scenario/scenario.js'

/** Loads a unit's grader with the unit's document schema and scenario, when the unit has them. */
export async function loadUnitGrader(unit: Unit, gradersDir?: string): Promise<LoadedGrader> {
  const loaded = await loadGrader(unit.id, gradersDir, unit.files.schema ? path.join(unit.dir, unit.files.schema) : undefined)
  const reference = path.join(unit.dir, 'reference')
  const scenario = loadScenario(unit, path.dirname(unit.dir))
  const referenceProse = referenceProseOf(loaded.definition, reference)
  return {...loaded, ...(existsSync(reference) ? {referenceDir: reference} : {}), ...(scenario ? {scenario} : {}), ...(referenceProse ? {referenceProse} : {})}
}

/** The reference design's prose fields as word sequences, when the grader names prose fields. */
function referenceProseOf(definition: LoadedGrader['definition'], referenceDir: string): Set<string> | undefined {
  const entry = definition.document?.entry
  const prose = definition.document?.prose
  if (!entry || !prose || !existsSync(path.join(referenceDir, entry))) return undefined
  const read = readDocumentBytes(readFileSync(path.join(referenceDir, entry)), formatOf(entry))
  return read.ok ? referenceShinglesOf(read.value, prose) : undefined
}

/** The scenario a learner answers: their own variant when the run grades with variants, else the base one. */
export function scenarioFor(grader: LoadedGrader, learner: string, variants: boolean): Scenario | undefined {
  if (!grader.scenario) return undefined
  return variants ? drawVariant(grader.scenario, learner, grader.definition.unit) : grader.scenario
}

/** Grades one learner's folder for one unit with the unit's grader; `variants` grades a design against the learner's own figures. */
export async function gradeOne(grader: LoadedGrader, request: Omit<GradeRequest, 'grader' | 'module' | 'schema' | 'driverCode' | 'referenceDir' | 'scenario' | 'referenceProse'> & {readonly variants?: boolean}): Promise<SubmissionResult> {
  const {variants, ...rest} = request
  const scenario = scenarioFor(grader, request.learner, variants ?? false)
  return gradeSubmission({
    ...rest,
    grader: grader.definition,
    module: grader.module,
    ...(grader.schema ? {schema: grader.schema} : {}),
    ...(grader.driverCode ? {driverCode: grader.driverCode} : {}),
    ...(grader.referenceDir ? {referenceDir: grader.referenceDir} : {}),
    ...(scenario ? {scenario} : {}),
    ...(grader.referenceProse ? {referenceProse: grader.referenceProse} : {}),
  })
}

/** The graders of a run, each loaded once however many submissions use it. */
export class GraderCache {
  private readonly loaded = new Map<string, Promise<LoadedGrader>>()
  constructor(private readonly gradersDir?: string) {}
  get(unit: Unit): Promise<LoadedGrader> {
    let grader = this.loaded.get(unit.id)
    if (!grader) {
      grader = loadUnitGrader(unit, this.gradersDir)
      this.loaded.set(unit.id, grader)
    }
    return grader
  }
}
