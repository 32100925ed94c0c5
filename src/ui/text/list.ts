import {paint} from '../../core/markdown/ansi.js'
import type {ListResult, UnitListing} from '../../services/list.js'
import {formatColumns, type Column} from './columns.js'
import {PROGRESS_LABEL, PROGRESS_STYLE} from './progress-marks.js'

const COLUMNS: ReadonlyArray<Column<UnitListing>> = [
  {header: '#', value: (u) => String(u.position), align: 'right'},
  {header: 'Unit', value: (u) => u.id, style: () => ['bold']},
  {header: 'Title', value: (u) => u.title, flex: true},
  {header: 'Kind', value: (u) => (u.optional ? `${u.kind}*` : u.kind)},
  {header: 'Level', value: (u) => u.difficulty},
  {header: 'Time', value: (u) => `${u.estimated_minutes} min`, align: 'right'},
  {header: 'Progress', value: (u) => PROGRESS_LABEL[u.progress], style: (u) => PROGRESS_STYLE[u.progress]},
]

/** `course list` as text: the units in order, then where the progress came from. */
export function formatList(result: ListResult, options: {width: number; color: boolean}): string {
  const lines = formatColumns(result.units, COLUMNS, options)
  const notes: string[] = []
  if (result.units.some((u) => u.optional)) notes.push('* optional challenge')
  notes.push(result.workspace ? `progress from ${result.workspace}` : 'no workspace yet: `course start <unit>` creates one and tracks progress')
  return [paint(result.course, ['bold'], options.color), '', ...lines, '', ...notes.map((n) => paint(n, ['dim'], options.color))].join('\n')
}
