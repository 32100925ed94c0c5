import {Args, Flags} from '@oclif/core'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {paint} from '../../core/markdown/ansi.js'
import {UsageError} from '../../core/errors.js'
import type {UnitPerturbationReport} from '../../services/perturb/perturb.js'
import {BaseCommand} from '../base-command.js'

/** One unit: the report itself; several: all of them under `units`. */
export type PerturbJson = UnitPerturbationReport | {readonly units: readonly UnitPerturbationReport[]}

export default class DevPerturb extends BaseCommand {
  static override summary = "Measure a design grader: grade the reference document changed in one place at a time (for course authors)."
  static override description = [
    "Each field of the unit's reference design that holds a figure, a unit, a choice or a flag is changed on its own: doubled, halved, ten times larger or smaller, written in another unit, flipped or deleted. Each changed document is graded like a learner's; it is caught when it loses marks.",
    'Prose (notes, trade-offs) is left alone. Not every change is a flaw, so read the list of changes that kept every mark rather than aiming at 100 %.',
  ].join('\n')
  static override examples = ['<%= config.bin %> dev perturb thundering-herd', '<%= config.bin %> dev perturb --all --json', '<%= config.bin %> dev perturb --all --report perturbation.json']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {unit: Args.string({description: 'Unit id(s) to measure.'})}
  static override flags = {
    all: Flags.boolean({description: 'Every unit whose grader judges a design document.'}),
    report: Flags.string({description: 'Also write the full JSON report to this file.', helpValue: 'FILE'}),
  }

  async run(): Promise<PerturbJson> {
    const {argv, flags} = await this.parse(DevPerturb)
    const ids = argv as string[]
    if (Boolean(flags.all) === ids.length > 0) throw new UsageError(flags.all ? 'give unit ids or --all, not both' : 'name a unit to measure, or pass --all', {next: ['Run `course dev perturb --help` for usage.']})
    const {documentUnits, perturbUnit, resolveDocumentUnits} = await import('../../services/perturb/perturb.js')
    const units = flags.all ? documentUnits() : resolveDocumentUnits(ids)
    const tty = process.stderr.isTTY && !process.env.CI
    const reports: UnitPerturbationReport[] = []
    for (const unit of units) {
      const result = await perturbUnit(unit, {onProgress: (done, total) => tty && process.stderr.write(`\r\x1b[K${unit.id}: ${done}/${total} perturbations graded`)})
      if (tty) process.stderr.write('\r\x1b[K')
      reports.push(result)
      if (!this.jsonEnabled()) this.print(result)
    }
    const json: PerturbJson = reports.length === 1 ? reports[0]! : {units: reports}
    if (flags.report) writeFileSync(path.resolve(flags.report), `${JSON.stringify(json, null, 2)}\n`)
    return json
  }

  private print(result: UnitPerturbationReport): void {
    const rate = `${(Math.floor(result.rate * 1000) / 10).toFixed(1)} %`
    this.log(paint(`${result.unit}: ${result.caught} of ${result.total} perturbations lost marks (${rate}); the reference scores ${result.reference.score}/${result.reference.max_score}`, ['bold'], this.color))
    this.log(`  ${Object.entries(result.kinds).map(([kind, t]) => `${kind} ${t.caught}/${t.total}`).join(', ')}`)
    for (const m of result.missed) this.log(paint(`  kept every mark: ${m.pointer} ${m.kind}: ${m.from} → ${m.to}`, ['dim'], this.color))
  }
}
