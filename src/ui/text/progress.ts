import type {ProgressResult, UnitProgressRow} from '../../services/progress.js'
import {formatColumns, type Column} from './columns.js'
import {PROGRESS_LABEL, PROGRESS_STYLE} from './progress-marks.js'

const COLUMNS: ReadonlyArray<Column<UnitProgressRow>> = [
  {header: 'Unit', value: (u) => u.id, style: () => ['bold']},
  {header: 'Status', value: (u) => PROGRESS_LABEL[u.status], style: (u) => PROGRESS_STYLE[u.status]},
  {header: 'Hints', value: (u) => (u.hints_total === 0 ? '—' : `${u.hints_shown}/${u.hints_total}`), align: 'right'},
  {header: 'Write-up', value: (u) => (u.solution_opened ? 'opened' : '')},
  {header: 'Last check', value: (u) => (u.last_check ? `${u.last_check.score}/${u.last_check.max_score} ${u.last_check.status}` : ''), flex: true},
]

export function formatProgress(result: ProgressResult, options: {width: number; color: boolean}): string {
  return formatColumns(result.units, COLUMNS, options).join('\n')
}
