import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {ROOT} from './cli.js'

export const SUBMISSION_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'submissions')

/** What a fixture submission must get: its status and, optionally, which cases fail or are skipped. */
export interface Expected {
  readonly status: 'pass' | 'fail' | 'error'
  /** The error kind, for `error` fixtures. */
  readonly error?: string
  /** Exactly these cases end `failed` or `error` (when given). */
  readonly failed?: readonly string[]
  /** Exactly these cases end `skipped` (when given; defaults to none when `failed` is given). */
  readonly skipped?: readonly string[]
  /** Rules of the grader (ids) the fixture breaks: a case covering each must fail, for every learner id. */
  readonly breaks?: readonly string[]
  /** Text that must appear in the error message or in some case's feedback. */
  readonly reason?: string
  /** Text that must appear among the lines flagged for a person (filler prose, departures); none may appear without it. */
  readonly review?: string
  /** Files taken from the unit's starter as they ship (so the fixture never drifts from it). */
  readonly starter?: readonly string[]
}

export interface Fixture {
  readonly unit: string
  /** `pass/compact`, `fail/modulo-hash`, `hostile/heap-bomb`… */
  readonly name: string
  readonly dir: string
  readonly expected: Expected
}

/** Every fixture submission: test/fixtures/submissions/<unit>/<outcome>/<cause>/expected.json. */
export function submissionFixtures(): Fixture[] {
  if (!existsSync(SUBMISSION_FIXTURES)) return []
  return readdirSync(SUBMISSION_FIXTURES).flatMap((unit) => {
    const unitDir = path.join(SUBMISSION_FIXTURES, unit)
    if (!statSync(unitDir).isDirectory()) return []
    return readdirSync(unitDir)
      .filter((outcome) => statSync(path.join(unitDir, outcome)).isDirectory())
      .flatMap((outcome) =>
        readdirSync(path.join(unitDir, outcome)).map((cause) => {
          const dir = path.join(unitDir, outcome, cause)
          return {unit, name: `${outcome}/${cause}`, dir, expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected}
        }),
      )
  })
}

/**
 * Copies a fixture into `target` as a learner would hand it in: the starter files it names, its
 * own files (not expected.json), and the unit's shared `base.ts`, which fixture variants re-export
 * and partly replace.
 */
export function materialise(fixture: Fixture, target: string): void {
  mkdirSync(target, {recursive: true})
  for (const name of fixture.expected.starter ?? []) cpSync(path.join(ROOT, 'exercises', fixture.unit, 'starter', name), path.join(target, name))
  for (const name of readdirSync(fixture.dir)) {
    if (name !== 'expected.json') cpSync(path.join(fixture.dir, name), path.join(target, name), {recursive: true})
  }
  const base = path.join(SUBMISSION_FIXTURES, fixture.unit, 'base.ts')
  if (existsSync(base)) cpSync(base, path.join(target, 'base.ts'))
}
