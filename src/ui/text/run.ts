import {paint} from '../../core/markdown/ansi.js'
import {formatNumber} from '../../core/capacity/worked.js'
import type {WorkStealerRun} from '../../services/run.js'
import {formatColumns} from './columns.js'

const NAMES = {static: 'static blocks', 'shared-queue': 'shared queue', 'work-stealing': 'work stealing'} as const

/** The run as a table and a bar chart of makespan over the lower bound. */
export function formatRun(run: WorkStealerRun, options: {color: boolean; width: number}): string {
  const lines = [
    paint(`${run.tasks} ${run.distribution} tasks (${run.order}), ${run.workers} worker threads, 1 unit = ${formatNumber(run.grain_ms)} ms, seed ${run.seed}`, ['bold'], options.color),
    `total work ${formatNumber(run.total_work_ms)} ms · longest task ${formatNumber(run.longest_task_ms)} ms · lower bound max(ΣT/P, max T)`,
    '',
    ...formatColumns(
      run.strategies,
      [
        {header: 'strategy', value: (s) => NAMES[s.strategy]},
        {header: 'makespan', value: (s) => `${formatNumber(s.makespan)} ms`, align: 'right'},
        {header: 'bound', value: (s) => `${formatNumber(s.lowerBound)} ms`, align: 'right'},
        {header: '× bound', value: (s) => formatNumber(s.ratio, 3), align: 'right', style: (s) => (s.ratio <= 1.1 ? ['good'] : s.ratio > 1.5 ? ['bad'] : ['warn'])},
        {header: 'steals', value: (s) => (s.strategy === 'work-stealing' ? String(s.steals) : '—'), align: 'right'},
        {header: 'idle', value: (s) => `${formatNumber(s.idle)} ms`, align: 'right'},
        {header: 'overhead/task', value: (s) => `${formatNumber(s.overheadPerTask)} µs`, align: 'right'},
      ],
      options,
    ),
    '',
  ]
  const worst = Math.max(...run.strategies.map((s) => s.ratio))
  const room = Math.max(10, Math.min(60, (Number.isFinite(options.width) ? options.width : 80) - 25))
  for (const s of run.strategies) {
    const cells = (room * s.ratio) / worst
    const bar = `${'█'.repeat(Math.floor(cells))}${cells % 1 >= 0.5 ? '▌' : ''}`
    lines.push(`${NAMES[s.strategy].padEnd(14)} ${paint(bar, s.ratio <= 1.1 ? ['good'] : ['warn'], options.color)} ${formatNumber(s.ratio, 3)} ×`)
  }
  lines.push(`${'lower bound'.padEnd(14)} ${paint('│'.padStart(Math.round(room / worst)), ['dim'], options.color)} 1`)
  lines.push('', `Work stealing: ${formatNumber(run.speedup_over_static, 3)} × better than static blocks here.`)
  return lines.join('\n')
}
