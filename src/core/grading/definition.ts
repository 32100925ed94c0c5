/**
 * A grader as data: `graders/<unit>/grader.json`. Each case says what it is worth, who may see it,
 * what to tell a learner who fails it, and how it is run: a literal `input` with an `expect`ed
 * output, or a named generator that makes the input from the case's seeded random stream and a
 * named check that judges the output. Generators and checks are the small code in
 * `graders/<unit>/checks.ts`, for properties data cannot state.
 */
import type {Random} from '../random.js'
import type {SandboxLimits} from '../sandbox/limits.js'
import type {Scenario} from '../scenario/scenario.js'

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
  /** Document cases: the fields the check reads; a schema problem elsewhere does not hold it back (see document-part.ts). */
  readonly reads?: readonly string[]
  readonly tags?: readonly string[]
  /** Which part of the submission the case looks at, when the grader has both. */
  readonly part?: 'code' | 'document'
  /** The rules (ids of the grader's `rules`) this case checks for every learner. */
  readonly covers?: readonly string[]
  /** `unchanged`: a call that changes one of its arguments fails the case. */
  readonly arguments?: 'unchanged'
  /** A stated complexity: at most `factor` times the reference's time on the same input (never under `floorMs`). */
  readonly speed?: {readonly factor: number; readonly floorMs?: number}
}

/** A rule the unit's text states, named so cases can say they cover it. */
export interface RuleDefinition {
  readonly id: string
  /** The rule in one sentence. */
  readonly rule: string
  /** Words of the README or the starter's contract comments that state it. */
  readonly quote: string
}

export interface GraderDefinition {
  readonly format_version: number
  readonly unit: string
  /** Recorded in every result; bump it when cases change so old and new scores are not confused. */
  readonly version: string
  /** The learner's module (relative to the unit folder), run in the sandbox with this driver. */
  readonly code?: {readonly entry: string; readonly driver?: string}
  /** The learner's design document (YAML or JSON), read as data and checked in the grader's process. */
  readonly document?: {readonly entry: string; readonly prose?: readonly string[]}
  readonly limits?: Partial<SandboxLimits>
  /** Every rule the unit's text states; each covered by at least one case. */
  readonly rules?: readonly RuleDefinition[]
  readonly cases: readonly CaseDefinition[]
}

/** The part a case belongs to: its own, or the grader's only one. */
export function partOf(grader: GraderDefinition, definition: CaseDefinition): 'code' | 'document' {
  return definition.part ?? (grader.code ? 'code' : 'document')
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

/** What a document check sees: the learner's parsed document and ways to read it. */
export interface DocumentCheckContext {
  readonly document: unknown
  readonly params: Record<string, unknown>
  /** The document's file name, for messages. */
  readonly file: string
  /** `file:line:column` of the value at a JSON pointer (or its nearest existing parent). */
  readonly where: (pointer: string) => string
  /** The scenario this learner answers: the unit's base figures, or the learner's variant. */
  readonly scenario?: Scenario
}

export type DocumentCheck = (context: DocumentCheckContext) => Verdict

/** The code part of a grader: `graders/<unit>/checks.ts`. */
export interface GraderModule {
  readonly generators?: Record<string, Generator>
  readonly checks?: Record<string, Check>
  readonly documentChecks?: Record<string, DocumentCheck>
}
