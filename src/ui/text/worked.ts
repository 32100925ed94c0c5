import {paint} from '../../core/markdown/ansi.js'
import type {PlanResult} from '../../core/capacity/plans/run.js'
import {formatNumber, withUnit, type Worked} from '../../core/capacity/worked.js'
import {formatColumns} from './columns.js'

interface Options {
  readonly color: boolean
  readonly width: number
}

/** A calculation with its working: inputs, then each step's formula, numbers and value, then notes. */
export function formatWorked(worked: Worked, options: Options): string {
  const lines = [paint(worked.title, ['bold'], options.color), '']
  const labelWidth = Math.max(...worked.inputs.map((i) => i.label.length))
  for (const input of worked.inputs) lines.push(`  ${input.label.padEnd(labelWidth)}  ${input.shown}`)
  lines.push('')
  worked.steps.forEach((step, index) => {
    lines.push(`  ${paint(`${index + 1}. ${step.label}`, ['bold'], options.color)}  ${paint(step.formula, ['dim'], options.color)}`)
    lines.push(`     = ${step.working}`)
    lines.push(`     = ${paint(withUnit(step.value, step.unit, 6), ['good'], options.color)}`)
  })
  for (const note of worked.notes) lines.push('', paint(note, ['dim'], options.color))
  return lines.join('\n')
}

/** A plan: both variants side by side, every step with its formula, and the step where they part. */
export function formatPlan(result: PlanResult, options: Options): string {
  const [a, b] = result.variants
  const lines = [paint(result.title, ['bold'], options.color), '', paint('Inputs', ['bold'], options.color)]
  const inputRows = result.inputs.map((i) => ({label: i.label, name: i.name, a: i.values[0]!, b: i.values[1]!}))
  lines.push(
    ...formatColumns(
      inputRows,
      [
        {header: 'input', value: (r) => r.label},
        {header: '--set name', value: (r) => r.name, style: () => ['dim']},
        {header: a!.label, value: (r) => r.a},
        {header: b!.label, value: (r) => r.b},
      ],
      options,
    ).map((line) => `  ${line}`),
  )
  lines.push('', paint('Steps', ['bold'], options.color))
  const rows = result.rows.map((row, i) => ({row, i}))
  lines.push(
    ...formatColumns(
      rows,
      [
        {header: '#', value: (r) => String(r.i + 1), align: 'right'},
        {header: 'step', value: (r) => (r.row.name === result.parts_at ? `${r.row.label} ◀` : r.row.label), style: (r) => (r.row.name === result.parts_at ? ['warn', 'bold'] : [])},
        {header: a!.label, value: (r) => withUnit(r.row.values[0]!.value, r.row.unit), align: 'right', style: (r) => (r.row.differs ? ['bad'] : [])},
        {header: b!.label, value: (r) => withUnit(r.row.values[1]!.value, r.row.unit), align: 'right', style: (r) => (r.row.differs ? ['good'] : [])},
        {header: 'formula', value: (r) => (r.row.values[0]!.formula === r.row.values[1]!.formula ? r.row.values[1]!.formula : `${b!.label}: ${r.row.values[1]!.formula}`), flex: true, style: () => ['dim']},
      ],
      options,
    ).map((line) => `  ${line}`),
  )
  if (result.parts_at) {
    const row = result.rows.find((r) => r.name === result.parts_at)!
    lines.push('', paint(`◀ The two part at "${row.label}": ${a!.label} uses ${row.values[0]!.formula}.`, ['warn'], options.color))
  }
  for (const note of result.notes) lines.push('', paint(note, ['dim'], options.color))
  return lines.join('\n')
}

export {formatNumber}
