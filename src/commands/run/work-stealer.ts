import {Flags} from '@oclif/core'
import {availableParallelism} from 'node:os'
import type {WorkStealerRun} from '../../services/run.js'
import {BaseCommand} from '../base-command.js'

export default class RunWorkStealer extends BaseCommand {
  static override summary = 'Race static blocks, a shared queue and work stealing on real threads, on the same tasks.'
  static override description =
    'Each task is a busy loop of known length (the CPU is really busy). Every strategy runs the same durations on the same worker threads; ' +
    'the table shows each makespan against the lower bound max(ΣT/P, max T), steals, idle time and the overhead per task.'
  static override examples = [
    '<%= config.bin %> run work-stealer --workers 2 --tasks 400 --distribution pareto --order asc --seed 7',
    '<%= config.bin %> run work-stealer --distribution lognormal --order random --grain "0.2 ms" --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    workers: Flags.integer({char: 'p', description: 'Worker threads (default: the number of CPUs).', min: 1, max: 64}),
    tasks: Flags.integer({char: 'n', description: 'Number of tasks.', default: 400, min: 1, max: 1_000_000}),
    distribution: Flags.string({description: 'Task costs: uniform, lognormal (σ 1.5) or pareto (α 1.5).', default: 'pareto', options: ['uniform', 'lognormal', 'pareto']}),
    order: Flags.string({description: 'Order of the task list: random, asc or desc.', default: 'asc', options: ['random', 'asc', 'desc']}),
    grain: Flags.string({description: 'Time one unit of cost runs for.', default: '0.5 ms', helpValue: 'TIME'}),
    seed: Flags.integer({char: 's', description: 'Seed of the task list.', default: 1}),
  }

  async run(): Promise<WorkStealerRun> {
    const {flags} = await this.parse(RunWorkStealer)
    const [{runWorkStealer}, {formatRun}] = await Promise.all([import('../../services/run.js'), import('../../ui/text/run.js')])
    const live = process.stderr.isTTY && !this.jsonEnabled()
    const result = await runWorkStealer({
      workers: flags.workers ?? availableParallelism(),
      tasks: flags.tasks,
      distribution: flags.distribution as 'pareto',
      order: flags.order as 'asc',
      grain: flags.grain,
      seed: flags.seed,
      onProgress: live ? (strategy, finished, total) => process.stderr.write(`\r\u001B[Krunning ${strategy}: ${finished}/${total} tasks`) : undefined,
    })
    if (live) process.stderr.write('\r\u001B[K')
    this.log(formatRun(result, {color: this.color, width: this.width}))
    return result
  }
}
