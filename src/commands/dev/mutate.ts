import {Args, Flags} from '@oclif/core'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {paint} from '../../core/markdown/ansi.js'
import {UsageError} from '../../core/errors.js'
import type {UnitMutationReport} from '../../services/mutate/mutate.js'
import {BaseCommand} from '../base-command.js'

/** One unit: the report itself; several: all of them under `units`. */
export type MutateJson = UnitMutationReport | {readonly units: readonly UnitMutationReport[]}

/** Without a terminal, a plain progress line every this many mutants. */
const PLAIN_PROGRESS_EVERY = 25

export default class DevMutate extends BaseCommand {
  static override summary = "Measure a grader's strength: grade every mutant of the unit's reference (for course authors)."
  static override description = [
    "Runs StrykerJS over the unit's reference solution. Each mutant (the reference with one small change) is graded with the unit's grader for a few learner ids, like a learner's submission; it is killed when any id loses marks or the code does not build or load.",
    'Survivors are listed as diffs. A survivor is either killed by a new case, or recorded in graders/<unit>/equivalent-mutants.json with a reason (see the authoring guide); recorded ones count as equivalent and stay out of the score.',
    'score = killed / (killed + survived). It takes minutes: every mutant is a full grading.',
  ].join('\n')
  static override examples = [
    '<%= config.bin %> dev mutate load-balancer',
    '<%= config.bin %> dev mutate task-queue --learners 5 --json',
    '<%= config.bin %> dev mutate load-balancer --lines 40-90',
    '<%= config.bin %> dev mutate --all --report mutation.json',
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {unit: Args.string({description: 'Unit id(s) to measure.'})}
  static override flags = {
    all: Flags.boolean({description: 'Every unit whose grader runs code.'}),
    learners: Flags.integer({description: 'Learner ids each mutant is graded for (a mutant is killed if any id loses marks).', default: 3, min: 1, max: 50}),
    lines: Flags.string({description: 'Only mutants in these 1-based line ranges of the reference, e.g. 40-90,120-130.', helpValue: 'RANGES'}),
    concurrency: Flags.integer({description: 'Mutants graded at once.', default: 2, min: 1, max: 16}),
    report: Flags.string({description: 'Also write the full JSON report to this file.', helpValue: 'FILE'}),
  }

  async run(): Promise<MutateJson> {
    const {argv, flags} = await this.parse(DevMutate)
    const ids = argv as string[]
    if (Boolean(flags.all) === ids.length > 0) throw new UsageError(flags.all ? 'give unit ids or --all, not both' : 'name a unit to measure, or pass --all', {next: ['Run `course dev mutate --help` for usage.']})
    const lines = flags.lines ? parseLines(flags.lines) : undefined
    const report = flags.report ? path.resolve(flags.report) : undefined
    const [{codeUnits, mutateUnit, resolveUnits}, {percent}] = await Promise.all([import('../../services/mutate/mutate.js'), import('../../services/mutate/summary.js')])
    const units = flags.all ? codeUnits() : resolveUnits(ids)

    const tty = process.stderr.isTTY && !process.env.CI
    const reports: UnitMutationReport[] = []
    for (const unit of units) {
      let lastPlain = 0
      const result = await mutateUnit(unit, {
        learners: flags.learners,
        concurrency: flags.concurrency,
        ...(lines ? {lines} : {}),
        onProgress: ({done, total}) => {
          if (tty) process.stderr.write(`\r\x1b[K${unit.id}: ${done}/${total || '?'} mutants graded`)
          else if (done === total || done - lastPlain >= PLAIN_PROGRESS_EVERY) {
            lastPlain = done
            process.stderr.write(`${unit.id}: ${done}/${total || '?'} mutants graded\n`)
          }
        },
      })
      if (tty) process.stderr.write('\r\x1b[K')
      reports.push(result)
      if (!this.jsonEnabled()) this.print(result, percent)
    }
    const json: MutateJson = reports.length === 1 ? reports[0]! : {units: reports}
    if (report) writeFileSync(report, `${JSON.stringify(json, null, 2)}\n`)
    return json
  }

  private print(result: UnitMutationReport, percent: (score: number) => string): void {
    const seconds = (result.wall_ms / 1000).toFixed(0)
    const line = `${result.unit}: ${result.killed} killed, ${result.survived} survived, ${result.equivalent} equivalent — score ${percent(result.score)} (${result.total} mutants, ${result.learners.length} learner ids, ${seconds} s)`
    this.log(paint(line, [result.survived === 0 ? 'good' : 'bold'], this.color))
    for (const mutant of result.mutants.filter((m) => m.status === 'survived')) {
      this.log('')
      this.log(paint(`survived: ${mutant.file}:${mutant.line}:${mutant.column} ${mutant.mutator}`, ['bold'], this.color))
      for (const diffLine of (mutant.diff ?? '').split('\n').slice(2)) this.log(diffLine.startsWith('-') ? paint(diffLine, ['bad'], this.color) : diffLine.startsWith('+') ? paint(diffLine, ['good'], this.color) : paint(diffLine, ['dim'], this.color))
    }
    for (const {record, why} of result.stale) {
      this.log(paint(`stale record in graders/${result.unit}/equivalent-mutants.json: ${record.mutator} \`${record.original}\` → \`${record.replacement}\` (${why === 'killed' ? 'its mutant is killed now: remove the record' : 'no such mutant any more'})`, ['warn'], this.color))
    }
    if (result.survived > 0) this.log(paint(`\nKill each survivor with a case, or record it in graders/${result.unit}/equivalent-mutants.json with a reason (--json prints each survivor's key).`, ['dim'], this.color))
  }
}

/** `40-90,120` → [[40, 90], [120, 120]]. */
function parseLines(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part)
    if (!match) throw new UsageError(`--lines: \`${part}\` is not a line or a range like 40-90`)
    const from = Number(match[1])
    const to = Number(match[2] ?? match[1])
    if (from < 1 || to < from) throw new UsageError(`--lines: \`${part}\` is not a range of lines`)
    return [from, to]
  })
}
