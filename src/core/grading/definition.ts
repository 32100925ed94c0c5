import type {Random} from '../random.js'
import type {SandboxLimits} from '../sandbox/limits.js'

/**
 * A grader as data: `graders/<unit>/grader.json`. Each case says what it is worth, who may see it,
 * what to tell a learner who fails it, and how it is run: a literal `input` with an `expect`ed
 * output, or a named generator that makes the input from the case's seeded random stream and a
 * named check that judges the output. Generators and checks are the small code in
 * `graders/<unit>/checks.ts`, for properties data cannot state.
 */
export const VISIBILITIES = ['visible', 'hidden', 'after_due_date'] as const
export type Visibility = (typeof VISIBILITIES)[number]

export interface CaseDefinition {
  /** Stable id: prerequisites, reports and per-case seeds use it. */
  readonly name: string
  /** What the case checks, in a few words (the property name learners see). */
  readonly title: string
  readonly points: number
  readonly visibility: Visibility
  /** A literal input (visible cases, mostly). */
  readonly input?: unknown
  /** The output the input must produce, compared exactly (numbers within `tolerance`). */
  readonly expect?: unknown
  readonly tolerance?: number
  /** A generator in the unit's checks module that builds the input (and the parent-only expectation). */
  readonly generate?: string
  /** A check in the unit's checks module; defaults to `exact`. */
  readonly check?: string
  /** Parameters for the generator and the check. */
  readonly params?: Record<string, unknown>
  /** Shown when the case fails: names the property, never hidden data. */
  readonly failure: string
  readonly hint: string
  /** Cases that must pass first; when one fails, this case is skipped rather than failed twice. */
  readonly requires?: readonly string[]
  readonly tags?: readonly string[]
}

export interface GraderDefinition {
  readonly format_version: number
  readonly unit: string
  /** Recorded in every result; bump it when cases change so old and new scores are not confused. */
  readonly version: string
  readonly kind: 'code' | 'design'
  /** Code graders: the learner's module (relative to the unit folder) and the sandbox driver. */
  readonly submission: {readonly entry: string; readonly driver?: string}
  readonly limits?: Partial<SandboxLimits>
  readonly cases: readonly CaseDefinition[]
}

/** What a generator returns: the input for the child and, kept in the parent, what to expect. */
export interface Generated {
  readonly input: unknown
  readonly expected?: unknown
}

export type Generator = (random: Random, params: Record<string, unknown>) => Generated

export interface Verdict {
  readonly passed: boolean
  /** Why it failed, in terms of the property; for hidden cases never the inputs or expected values. */
  readonly detail?: string
}

export interface CheckContext {
  readonly input: unknown
  readonly output: unknown
  readonly expected: unknown
  readonly params: Record<string, unknown>
  readonly tolerance: number
  /** True when the case is visible: a check may then quote values in its detail. */
  readonly visible: boolean
}

export type Check = (context: CheckContext) => Verdict

/** The code part of a grader: `graders/<unit>/checks.ts`. */
export interface GraderModule {
  readonly generators?: Record<string, Generator>
  readonly checks?: Record<string, Check>
}
