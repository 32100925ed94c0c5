import type {PlanResult} from '../../core/capacity/plans/run.js'
import {withUnit, type Worked} from '../../core/capacity/worked.js'
import {paint, type StyleName} from '../../core/markdown/ansi.js'
import {wrapSpans, type Span} from '../../core/markdown/wrap.js'
import {displayWidth} from '../../core/text/display-width.js'
import {formatColumns} from '../text/columns.js'

/**
 * What the calculator screen shows below the inputs, as terminal lines already fitted to its width:
 * the result first, short enough to stay in view on a small terminal, then the working, which
 * scrolls. Lines are wrapped rather than cut, so no part of an answer or a note ends in `…`.
 */
export interface CalculatorView {
  readonly result: readonly string[]
  readonly working: readonly string[]
  /** The inputs could not be computed: the result is what is wrong and what to do. */
  readonly failed: boolean
}

interface Options {
  readonly color: boolean
  readonly width: number
}

/**
 * One paragraph: as it is when it fits the width (spaces kept, so columns stay aligned), else
 * wrapped at spaces with every line after the first indented by `hanging`.
 */
function wrapped(spans: readonly Span[], options: Options, indent = '', hanging = indent): string[] {
  const whole = indent + spans.map((s) => s.text).join('  ')
  if (displayWidth(whole) <= options.width) return [indent + spans.map((s) => paint(s.text, s.styles, options.color)).join('  ')]
  const room = Math.max(10, options.width - hanging.length)
  const words = spans.flatMap((s, i) => (i === 0 ? [s] : [span(' '), s]))
  return wrapSpans(words, room, options.color).map((line, i) => (i === 0 ? indent : hanging) + line)
}

const span = (text: string, ...styles: StyleName[]): Span => ({text, styles})

/** A calculator's answer under its title, then its inputs, steps and notes. */
export function workedView(worked: Worked, options: Options): CalculatorView {
  const result = [...wrapped([span(worked.title, 'bold')], options), ...wrapped([span(worked.answer, 'good')], options, '  ')]
  const working: string[] = []
  const labelWidth = Math.max(...worked.inputs.map((i) => i.label.length))
  for (const input of worked.inputs) working.push(...wrapped([span(input.label.padEnd(labelWidth)), span(input.shown)], options, '  ', ' '.repeat(labelWidth + 4)))
  worked.steps.forEach((step, index) => {
    if (index === 0) working.push('')
    working.push(...wrapped([span(`${index + 1}. ${step.label}`, 'bold'), span(step.formula, 'dim')], options, '  ', '     '))
    working.push(...wrapped([span(step.working)], options, '     = ', '       '))
    working.push(...wrapped([span(withUnit(step.value, step.unit, 6), 'good')], options, '     = ', '       '))
  })
  for (const note of worked.notes) working.push('', ...wrapped([span(note, 'dim')], options))
  return {result, working, failed: false}
}

/** A plan: where the variants part and its last step in both, then the table of steps and the notes. */
export function planView(plan: PlanResult, options: Options): CalculatorView {
  const [a, b] = plan.variants
  const parted = plan.rows.find((row) => row.name === plan.parts_at)
  const last = plan.rows.at(-1)
  const both = (row: PlanResult['rows'][number]) => `${a!.label} ${withUnit(row.values[0]!.value, row.unit)}, ${b!.label} ${withUnit(row.values[1]!.value, row.unit)}`
  const result = [
    ...wrapped([span(plan.title, 'bold')], options),
    ...wrapped([parted ? span(`The two part at "${parted.label}": ${both(parted)}.`, 'warn') : span('The two agree at every step.', 'good')], options, '  ', '    '),
    ...(last && last !== parted ? wrapped([span(`${last.label}: ${both(last)}.`, 'good')], options, '  ', '    ') : []),
  ]
  const table = formatColumns(
    plan.rows.map((row, i) => ({row, i})),
    [
      {header: '#', value: (r) => String(r.i + 1), align: 'right'},
      {header: 'step', value: (r) => (r.row.name === plan.parts_at ? `${r.row.label} ◀` : r.row.label), style: (r) => (r.row.name === plan.parts_at ? ['warn', 'bold'] : [])},
      {header: a!.label, value: (r) => withUnit(r.row.values[0]!.value, r.row.unit), align: 'right', style: (r) => (r.row.differs ? ['bad'] : [])},
      {header: b!.label, value: (r) => withUnit(r.row.values[1]!.value, r.row.unit), align: 'right', style: (r) => (r.row.differs ? ['good'] : [])},
    ],
    {...options, width: options.width - 2},
  ).map((line) => `  ${line}`)
  const working = [...table]
  // The formulas are too long for a column beside four others: each step's comes below the table.
  working.push('', paint('Formulas', ['bold'], options.color))
  plan.rows.forEach((row, i) => {
    const [common, corrected] = row.values
    const formula = common!.formula === corrected!.formula ? corrected!.formula : `${b!.label}: ${corrected!.formula}; ${a!.label}: ${common!.formula}`
    working.push(...wrapped([span(`${i + 1}. ${row.label}`), span(formula, 'dim')], options, '  ', '     '))
  })
  for (const note of plan.notes) working.push('', ...wrapped([span(note, 'dim')], options))
  return {result, working, failed: false}
}

/** What went wrong with the inputs and what to do, in place of a result. */
export function errorView(error: Error & {next?: readonly string[]}, options: Options): CalculatorView {
  const result = [...wrapped([span(error.message, 'warn')], options), ...(error.next ?? []).flatMap((step) => wrapped([span(step)], options, '  → ', '    '))]
  return {result, working: [], failed: true}
}
