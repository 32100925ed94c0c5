import {gradeCode, type GradeRequest} from '../core/grading/grade.js'
import {loadGrader, type LoadedGrader} from '../core/grading/load.js'
import type {SubmissionResult} from '../core/grading/result.js'

/** Grades one learner's folder for one unit with the unit's grader. */
export async function gradeOne(grader: LoadedGrader, request: Omit<GradeRequest, 'grader' | 'module'>): Promise<SubmissionResult> {
  return gradeCode({...request, grader: grader.definition, module: grader.module})
}

/** The graders of a run, each loaded once however many submissions use it. */
export class GraderCache {
  private readonly loaded = new Map<string, Promise<LoadedGrader>>()
  constructor(private readonly gradersDir?: string) {}
  get(unit: string): Promise<LoadedGrader> {
    let grader = this.loaded.get(unit)
    if (!grader) {
      grader = loadGrader(unit, this.gradersDir)
      this.loaded.set(unit, grader)
    }
    return grader
  }
}
