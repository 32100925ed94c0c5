import {existsSync} from 'node:fs'
import path from 'node:path'
import type {Unit} from '../core/catalog/model.js'
import {gradeSubmission, type GradeRequest} from '../core/grading/grade.js'
import {loadGrader, type LoadedGrader} from '../core/grading/load.js'
import type {SubmissionResult} from '../core/grading/result.js'

/** Loads a unit's grader with the unit's document schema, when the unit has one. */
export async function loadUnitGrader(unit: Unit, gradersDir?: string): Promise<LoadedGrader> {
  const loaded = await loadGrader(unit.id, gradersDir, unit.files.schema ? path.join(unit.dir, unit.files.schema) : undefined)
  const reference = path.join(unit.dir, 'reference')
  return existsSync(reference) ? {...loaded, referenceDir: reference} : loaded
}

/** Grades one learner's folder for one unit with the unit's grader. */
export async function gradeOne(grader: LoadedGrader, request: Omit<GradeRequest, 'grader' | 'module' | 'schema' | 'driverCode' | 'referenceDir'>): Promise<SubmissionResult> {
  return gradeSubmission({
    ...request,
    grader: grader.definition,
    module: grader.module,
    ...(grader.schema ? {schema: grader.schema} : {}),
    ...(grader.driverCode ? {driverCode: grader.driverCode} : {}),
    ...(grader.referenceDir ? {referenceDir: grader.referenceDir} : {}),
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
