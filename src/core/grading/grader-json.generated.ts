/**
 * Types generated from graders/grader.schema.json, the definition of the files it describes; do not edit.
 * Change the schema, then run `npm run schema-types` (a test fails while this file is out of date).
 */

/**
 * How one unit is graded: its cases, each with points, visibility, input or generator, check, and what to tell a learner who fails it.
 */
export interface GraderJson {
  $schema?: string
  format_version: 1
  /**
   * The unit id; equals the folder name.
   */
  unit: string
  /**
   * Recorded in every result; bump it whenever cases change.
   */
  version: string
  /**
   * The learner's module (relative to the unit folder), run in the sandbox.
   */
  code?: {
    /**
     * The learner's file, relative to the unit folder of the workspace.
     */
    entry: string
    /**
     * `script` (the default: cases are scripts of calls), or the unit's own driver, a .ts file of the grader's folder whose default export turns a case input into calls; it is bundled with each submission.
     */
    driver?: string
  }
  /**
   * The learner's design document (YAML or JSON), read as data; its schema is the unit's files.schema.
   */
  document?: {
    entry: string
    /**
     * JSON pointers of the fields written for a person (notes, trade-offs, reasons). Filler there (empty, a few words, one phrase repeated, the published reference copied) is flagged for a person in every report; it costs no marks by itself.
     */
    prose?: string[]
  }
  limits?: {
    /**
     * Processor time one case may use, in ms; on the clock it may take twice as long (a busy machine gives it less than a core).
     */
    caseTimeoutMs?: number
    totalTimeoutMs?: number
    loadTimeoutMs?: number
    heapMb?: number
    dataMb?: number
    cpuSeconds?: number
    outputBytes?: number
    maxMessages?: number
    maxMessageBytes?: number
    maxChannelBytes?: number
    maxRestarts?: number
  }
  /**
   * Every rule the unit's text (its README or the starter's contract comments) states and the grader checks. Each must be covered by at least one case (`covers`), whose scripted part exercises it for every learner; `course dev check` fails otherwise.
   */
  rules?: GraderRuleJson[]
  /**
   * @minItems 1
   */
  cases: GraderCaseJson[]
}
export interface GraderRuleJson {
  /**
   * Stable id that cases name in `covers`.
   */
  id: string
  /**
   * The rule in one sentence, as a reviewer would check it.
   */
  rule: string
  /**
   * Words of the unit's README or of the starter's contract comments that state the rule (matched ignoring case, markdown emphasis, backquotes and line breaks), so a reviewer can find where it is promised.
   */
  quote: string
}
export interface GraderCaseJson {
  name: string
  title: string
  points: number
  visibility: 'visible' | 'hidden' | 'after_due_date'
  /**
   * A literal input for the driver or the check.
   */
  input?: unknown
  /**
   * The expected output (compared by the check).
   */
  expect?: unknown
  /**
   * Relative tolerance for numbers.
   */
  tolerance?: number
  /**
   * A generator in the unit's checks module.
   */
  generate?: string
  /**
   * A check in the unit's checks module; default `exact`.
   */
  check?: string
  params?: {
    [k: string]: unknown | undefined
  }
  /**
   * Shown when the case fails; names the property, never hidden data.
   */
  failure: string
  hint: string
  requires?: string[]
  /**
   * Document cases: the JSON pointers (fields or whole sections) the check reads. A schema problem elsewhere in the document then does not skip this case, although it requires the `valid` case; an estimate reads its `path` without saying so.
   *
   * @minItems 1
   */
  reads?: string[]
  tags?: string[]
  /**
   * The part of the submission the case looks at, when the grader has both.
   */
  part?: 'code' | 'document'
  /**
   * The rules (ids of `rules`) this case checks for every learner, through a scripted part that does not depend on the draw.
   */
  covers?: string[]
  /**
   * `unchanged`: the case also fails when a call changed one of its arguments (the driver compares each argument with a copy taken before the call).
   */
  arguments?: 'unchanged'
  /**
   * A stated complexity, enforced: the case also fails when it took more than `factor` times as long as the unit's reference on the same input, measured on the same machine just before (and never less than `floorMs`).
   */
  speed?: {
    factor: number
    floorMs?: number
  }
}
