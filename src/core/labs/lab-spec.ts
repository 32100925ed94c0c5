/**
 * Labs as the CLI sees them: each unit with a `graders/<unit>/lab/lab.json` becomes a command
 * `course run <unit>`, its parameters flags. The specs are read when the command table is built
 * (a directory listing and a small JSON file per lab), so a new lab needs no code in the CLI.
 * The lab's code is loaded only when it runs (units/unit-code.ts).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

export const LAB_FILE = path.join('lab', 'lab.json')

export type LabParameter =
  | (ParameterBase & {readonly kind: 'integer'; readonly default?: number | 'cpus'; readonly min?: number; readonly max?: number})
  | (ParameterBase & {readonly kind: 'choice'; readonly default: string; readonly options: readonly string[]})
  | (ParameterBase & {readonly kind: 'duration'; readonly default: string; readonly min?: number; readonly max?: number; readonly exclusiveMin?: boolean})

interface ParameterBase {
  readonly name: string
  readonly char?: string
  readonly description: string
}

export interface LabSpec {
  readonly unit: string
  readonly summary: string
  readonly description?: string
  readonly examples?: readonly string[]
  /** What of the unit the lab runs, the reference's or with `--mine` the learner's: its code (through lab/driver.ts) or its answer document. */
  readonly uses?: 'code' | 'document'
  /** The runs drawn on the unit's web page, each as flags by parameter name; one run with the defaults when absent. */
  readonly on_site?: ReadonlyArray<Readonly<Record<string, string | number>>>
  readonly parameters: readonly LabParameter[]
}

const NAME = /^[a-z][a-z0-9-]*$/

/** The lab specs of a course's graders, by unit; a malformed one is left out (`course dev check` reports it). */
export function findLabs(gradersDir: string): LabSpec[] {
  if (!existsSync(gradersDir)) return []
  const labs: LabSpec[] = []
  for (const entry of readdirSync(gradersDir, {withFileTypes: true})) {
    const file = path.join(gradersDir, entry.name, LAB_FILE)
    if (!entry.isDirectory() || !NAME.test(entry.name) || !existsSync(file)) continue
    try {
      const spec = JSON.parse(readFileSync(file, 'utf8')) as Omit<LabSpec, 'unit'>
      if (labProblems(spec).length === 0) labs.push({...spec, unit: entry.name})
    } catch {
      // Unreadable: left out here, reported by `course dev check`.
    }
  }
  return labs.sort((a, b) => a.unit.localeCompare(b.unit))
}

/** What is wrong with a lab spec's shape, in words (empty when it is sound); cheap enough for every start. */
export function labProblems(spec: unknown): string[] {
  const problems: string[] = []
  const s = spec as Partial<LabSpec> | null
  if (!s || typeof s !== 'object') return ['a lab.json holds an object']
  if (typeof s.summary !== 'string' || s.summary === '') problems.push('`summary` must be a sentence')
  if (s.uses !== undefined && s.uses !== 'code' && s.uses !== 'document') problems.push('`uses` must be code or document')
  if (s.on_site !== undefined && (!Array.isArray(s.on_site) || s.on_site.some((run) => typeof run !== 'object' || run === null))) problems.push('`on_site` must be a list of flag sets')
  if (!Array.isArray(s.parameters)) return [...problems, '`parameters` must be a list']
  const names = new Set<string>()
  for (const [i, p] of s.parameters.entries()) {
    const at = `parameters/${i}`
    if (typeof p?.name !== 'string' || !NAME.test(p.name)) problems.push(`${at}: \`name\` must be lowercase words joined by hyphens`)
    else if (names.has(p.name) || ['json', 'help'].includes(p.name)) problems.push(`${at}: \`${p.name}\` is taken`)
    else names.add(p.name)
    if (typeof p?.description !== 'string') problems.push(`${at}: \`description\` is missing`)
    if (!['integer', 'choice', 'duration'].includes(p?.kind as string)) problems.push(`${at}: \`kind\` must be integer, choice or duration`)
    if (p?.kind === 'choice' && (!Array.isArray(p.options) || !p.options.includes(p.default))) problems.push(`${at}: a choice needs \`options\` that include its \`default\``)
    if (p?.kind === 'duration' && typeof p.default !== 'string') problems.push(`${at}: a duration's \`default\` is text such as "0.5 ms"`)
  }
  return problems
}
