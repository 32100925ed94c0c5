import {Args, Flags} from '@oclif/core'
import {UsageError} from '../../core/errors.js'
import type {FieldNamer} from '../../core/capacity/field-error.js'
import type {PlanResult} from '../../core/capacity/plans/run.js'
import {BaseCommand} from '../base-command.js'
import {withFlags} from './shared.js'

/** A plan's input as this command line names it: by the --set that gave it. */
const bySet: FieldNamer = (field, given) => (given === undefined ? `--set ${field.name}` : `--set ${field.name}=${given}`)

export default class CalcPlan extends BaseCommand {
  static override summary = "A unit's resource plan, step by step: the common table beside the corrected one."
  static override description = "Every step shows its formula and result; every input can be changed with --set name=value. The step where the two variants part is marked. A unit has a plan when its folder holds a plan.json."
  static override examples = ['<%= config.bin %> calc plan video-pipeline', '<%= config.bin %> calc plan video-pipeline --set peak_factor=2 --set "processing_time=25 min"', '<%= config.bin %> calc plan web-crawler --json']
  static override enableJsonFlag = true
  static override args = {plan: Args.string({description: 'The unit whose plan to show.', required: true})}
  static override flags = {set: Flags.string({description: 'Change an input: name=value (repeatable).', multiple: true, helpValue: 'NAME=VALUE'})}

  async run(): Promise<PlanResult> {
    const {args, flags} = await this.parse(CalcPlan)
    const overrides: Record<string, string> = {}
    for (const pair of flags.set ?? []) {
      const at = pair.indexOf('=')
      if (at <= 0) throw new UsageError(`--set ${pair}: expected name=value`, {code: 'bad-input', next: ['For example `--set "processing_time=25 min"`.']})
      overrides[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
    }
    const [{plan}, {formatPlan}] = await Promise.all([import('../../services/calc.js'), import('../../ui/text/worked.js')])
    const result = withFlags(() => plan({cwd: process.cwd(), unit: args.plan, overrides}), bySet)
    this.log(formatPlan(result, {color: this.color, width: this.width}))
    return result
  }
}
