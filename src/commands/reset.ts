import {Args, Flags} from '@oclif/core'
import {createInterface} from 'node:readline/promises'
import {UsageError, UserError} from '../core/errors.js'
import type {ResetResult} from '../services/reset.js'
import {BaseCommand, dirFlag} from './base-command.js'

export default class Reset extends BaseCommand {
  static override summary = 'Start a unit over: forget its progress and move its files aside.'
  static override description =
    "Moves the unit's folder to <workspace>/.course/backups/ (nothing is deleted) and forgets its progress, so `course start` can begin afresh. " +
    'Asks for confirmation in a terminal; pass --yes elsewhere.'
  static override examples = ['<%= config.bin %> reset load-balancer', '<%= config.bin %> reset load-balancer --dir ~/course-work --yes']
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (see `course list`).', required: true})}
  static override flags = {
    dir: dirFlag,
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'}),
  }

  async run(): Promise<ResetResult> {
    const {args, flags} = await this.parse(Reset)
    const {planReset, resetUnit} = await import('../services/reset.js')
    const plan = planReset({cwd: process.cwd(), dir: flags.dir, unit: args.unit})
    if (!flags.yes) {
      if (!process.stdin.isTTY || !process.stdout.isTTY || this.jsonEnabled()) {
        throw new UsageError(`resetting \`${plan.unit}\` needs confirmation`, {next: ['Pass --yes to confirm.']})
      }
      const question = `Reset ${plan.unit} in ${plan.workspace}?${plan.folder ? ` Its files move to .course/backups/.` : ''} [y/N] `
      const prompt = createInterface({input: process.stdin, output: process.stdout})
      const answer = await prompt.question(question).finally(() => prompt.close())
      if (!/^y(es)?$/i.test(answer.trim())) throw new UserError('reset cancelled; nothing was changed', {code: 'cancelled'})
    }
    const result = resetUnit(plan)
    this.log(`Reset ${result.unit}.${result.backup ? ` Your files are in ${result.backup}.` : ''} Run \`course start ${result.unit}\` to begin again.`)
    return result
  }
}
