/**
 * Types generated from exercises/schemas/unit.schema.json, the definition of the files it describes; do not edit.
 * Change the schema, then run `npm run schema-types` (a test fails while this file is out of date).
 */

/**
 * One unit of the course: what it is, how long it takes, its hints and its files.
 */
export interface UnitMetaJson {
  /**
   * Path of this schema, for editors.
   */
  $schema?: string
  /**
   * Stable id; instructors' CI configurations name it. Equals the folder name.
   */
  id: string
  /**
   * Title shown in lists; fits one line of an 80-column terminal.
   */
  title: string
  /**
   * What the learner does: read, design, code, think through a scenario, reflect, or take on an optional challenge.
   */
  kind: 'lesson' | 'design' | 'code' | 'thought' | 'reflection' | 'challenge'
  difficulty: 'beginner' | 'intermediate' | 'advanced'
  /**
   * One sentence for lists and the website.
   */
  summary: string
  /**
   * What the unit teaches.
   *
   * @minItems 1
   */
  concepts: string[]
  /**
   * Unit ids worth doing first; each must come earlier in the course.
   */
  prerequisites: string[]
  estimated_minutes: number
  /**
   * Optional units do not count towards completion.
   */
  optional?: boolean
  /**
   * Progressive hints, gentlest first.
   */
  hints: string[]
  files: {
    /**
     * Learner text (markdown), relative to the unit folder.
     */
    text: string
    /**
     * Reference write-up (markdown), relative to the unit folder.
     */
    solution: string
    /**
     * Files copied into the workspace, relative to starter/.
     */
    starter: string[]
    /**
     * Reference solution files, relative to reference/.
     */
    reference: string[]
    /**
     * JSON Schema of the unit's design document, relative to the unit folder.
     */
    schema?: string
  }
}
