import {Box, Text, useApp, useInput, useStdin, type Key} from 'ink'
import {useReducer, useRef} from 'react'
import {CALCULATORS} from '../../core/capacity/calculators/registry.js'
import {runCalculator} from '../../core/capacity/calculators/run.js'
import {runPlan} from '../../core/capacity/plans/run.js'
import type {Plan} from '../../core/capacity/plans/model.js'
import type {PlanShelf} from '../../services/calc.js'
import {KeyBar} from '../components/key-bar.js'
import {eachKey} from '../hooks/each-key.js'
import {Rule} from '../components/rule.js'
import {calculatorInputs, initialValues, PLAN_CHOICE, planInputs, planOverrides, type ScreenField} from './calculator-fields.js'
import {errorView, planView, workedView, type CalculatorView} from './calculator-view.js'

interface State {
  readonly tab: number
  readonly field: number
  /** Values per tab, by input name. */
  readonly values: ReadonlyArray<Record<string, string>>
  /** The first line of the working in view. */
  readonly scroll: number
}

/** One tab of the screen: its inputs for the values so far, and what they compute. */
interface Tab {
  readonly name: string
  inputs(values: Readonly<Record<string, string>>): readonly ScreenField[]
  view(values: Readonly<Record<string, string>>, options: {color: boolean; width: number}): CalculatorView
}

const KEYS = [
  {keys: '←→', action: 'calculator'},
  {keys: 'tab ↑↓', short: 'tab', action: 'field'},
  {keys: 'PgUp/PgDn', action: 'working'},
  {keys: 'ctrl-u', action: 'clear'},
  {keys: 'esc', action: 'quit', pinned: true},
]

/** Rows always there: the tabs, two rules round the inputs, the help line, the working's rule, the key bar. */
const FIXED_ROWS = 6
/** Rows of working kept in view when the inputs must scroll to make room. */
const LEAST_WORKING = 6
/** Inputs kept in view when there are more than fit. */
const LEAST_INPUTS = 3

/** A failure as the screen shows it; a bug still shows, as its message, rather than closing the screen. */
function failure(error: unknown, options: {color: boolean; width: number}): CalculatorView {
  return errorView(error instanceof Error ? error : new Error(String(error)), options)
}

function calculatorTab(calculator: (typeof CALCULATORS)[number]): Tab {
  const inputs = calculatorInputs(calculator.spec)
  return {
    name: calculator.spec.name,
    inputs: () => inputs,
    view(values, options) {
      try {
        return workedView(runCalculator(calculator, values), options)
      } catch (error) {
        return failure(error, options)
      }
    },
  }
}

/** The plan tab: the plan of the unit named in its first input, read when first asked for. */
function planTab(shelf: PlanShelf): Tab {
  const plan = (values: Readonly<Record<string, string>>): Plan => shelf.load((values[PLAN_CHOICE] ?? '').trim())
  const units = () => {
    try {
      return shelf.units()
    } catch {
      return []
    }
  }
  return {
    name: 'plan',
    inputs(values) {
      try {
        return planInputs(units(), plan(values))
      } catch {
        return planInputs(units())
      }
    },
    view(values, options) {
      try {
        const chosen = plan(values)
        return planView(runPlan(chosen, planOverrides(chosen, values)), options)
      } catch (error) {
        return failure(error, options)
      }
    },
  }
}

/** The tabs in the order `course calc` lists them: the plan after Little's law. */
function tabsOf(plans: PlanShelf | undefined): Tab[] {
  const tabs = CALCULATORS.map(calculatorTab)
  if (plans) tabs.splice(tabs.findIndex((tab) => tab.name === 'little') + 1, 0, planTab(plans))
  return tabs
}

function startingValues(tabs: readonly Tab[], plans: PlanShelf | undefined): Array<Record<string, string>> {
  return tabs.map((tab) => {
    const calculator = CALCULATORS.find((c) => c.spec.name === tab.name)
    if (calculator) return initialValues(calculator.spec)
    let first = ''
    try {
      first = plans?.units()[0] ?? ''
    } catch {
      // No course to read: the tab says so when opened.
    }
    return {[PLAN_CHOICE]: first}
  })
}

/** The first of `count` rows to show out of `total` so that `index` is in view, near the middle. */
function windowStart(index: number, count: number, total: number): number {
  return Math.max(0, Math.min(index - Math.floor(count / 2), total - count))
}

/**
 * `course calc` on a terminal: pick a calculator, edit its inputs, see the result update as you
 * type. The result comes first, right under the inputs, so it is in view on any terminal; the
 * working below it scrolls (PgUp/PgDn). The inputs are the calculators' fields (the commands'
 * flags come from the same ones), and messages name them by label. The plan tab shows a unit's
 * resource plan, with its inputs to change. State lives in a ref for the same reason as the
 * reader's (keys faster than frames).
 */
export function CalculatorScreen(props: {readonly color: boolean; readonly width: number; readonly height: number; readonly plans?: PlanShelf}) {
  const {exit} = useApp()
  const {isRawModeSupported} = useStdin()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const tabs = useRef<Tab[]>(undefined)
  tabs.current ??= tabsOf(props.plans)
  const store = useRef<State>(undefined)
  store.current ??= {tab: 0, field: 0, values: startingValues(tabs.current, props.plans), scroll: 0}
  const update = (change: Partial<State>) => {
    store.current = {...store.current!, ...change}
    rerender()
  }
  const options = {color: props.color, width: props.width}
  const all = tabs.current

  useInput((chunk, chunkKey) => eachKey(chunk, chunkKey, onKey), {isActive: isRawModeSupported})

  function onKey(input: string, key: Key): void {
    const state = store.current!
    const tab = all[state.tab]!
    const values = state.values[state.tab]!
    const fields = tab.inputs(values)
    const field = Math.min(state.field, fields.length - 1)
    const edit = (change: (value: string) => string) => {
      const name = fields[field]!.name
      update({values: state.values.map((v, i) => (i === state.tab ? {...v, [name]: change(v[name] ?? '')} : v))})
    }
    const page = Math.max(1, layout(state).workingRows - 1)
    if (key.escape || (key.ctrl && input === 'c')) exit()
    else if (key.leftArrow) update({tab: (state.tab + all.length - 1) % all.length, field: 0, scroll: 0})
    else if (key.rightArrow) update({tab: (state.tab + 1) % all.length, field: 0, scroll: 0})
    else if (key.upArrow || (key.tab && key.shift)) update({field: (field + fields.length - 1) % fields.length})
    else if (key.downArrow || key.tab || key.return) update({field: (field + 1) % fields.length})
    else if (key.pageDown) update({scroll: state.scroll + page})
    else if (key.pageUp) update({scroll: Math.max(0, state.scroll - page)})
    else if (key.backspace || key.delete) edit((v) => v.slice(0, -1))
    else if (key.ctrl && input === 'u') edit(() => '')
    else if (input && !key.ctrl && !key.meta) edit((v) => v + input)
  }

  /** What the state shows and how the rows are shared between inputs, result and working. */
  function layout(state: State) {
    const tab = all[state.tab]!
    const values = state.values[state.tab]!
    const fields = tab.inputs(values)
    const view = tab.view(values, options)
    const room = Math.max(1, props.height - FIXED_ROWS)
    const inputRows = Math.min(fields.length, Math.max(LEAST_INPUTS, room - view.result.length - LEAST_WORKING))
    const resultRows = Math.min(view.result.length, Math.max(1, room - inputRows - 1))
    const workingRows = Math.max(1, room - inputRows - resultRows)
    return {tab, values, fields, view, inputRows, resultRows, workingRows}
  }

  const state = store.current
  const {values, fields, view, inputRows, resultRows, workingRows} = layout(state)
  const selected = Math.min(state.field, fields.length - 1)
  const labelWidth = Math.max(...fields.map((f) => f.label.length))
  const first = windowStart(selected, inputRows, fields.length)
  const shownFields = fields.slice(first, first + inputRows)
  const lastScroll = Math.max(0, view.working.length - workingRows)
  const scroll = Math.min(state.scroll, lastScroll)
  const working = view.working.slice(scroll, scroll + workingRows)
  const position = view.working.length <= workingRows ? '' : `${Math.round((100 * scroll) / lastScroll)}%`
  const marker = (i: number) => {
    if (i === selected) return <Text color="cyan">❯ </Text>
    if (i === first && first > 0) return <Text dimColor>↑ </Text>
    if (i === first + inputRows - 1 && i < fields.length - 1) return <Text dimColor>↓ </Text>
    return '  '
  }
  return (
    <Box flexDirection="column" width={props.width}>
      <Text wrap="truncate-end">
        {all.map((tab, i) => (
          <Text key={tab.name} inverse={i === state.tab} bold={i === state.tab}>
            {` ${tab.name} `}
          </Text>
        ))}
      </Text>
      <Rule width={props.width} />
      {shownFields.map((field, n) => (
        <Text key={field.name} wrap="truncate-end">
          {marker(first + n)}
          <Text dimColor>{field.label.padEnd(labelWidth)}</Text>
          {'  '}
          {values[field.name] || (first + n === selected ? '' : <Text dimColor>{field.empty ?? ''}</Text>)}
          {first + n === selected ? <Text inverse> </Text> : null}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {`  ${fields[selected]?.help ?? ''}`}
      </Text>
      <Rule width={props.width} />
      {view.result.slice(0, resultRows).map((line, i) => (
        <Text key={`result-${i}`} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {view.working.length > 0 ? `── working ${'─'.repeat(Math.max(0, props.width - 11))}` : ' '}
      </Text>
      {Array.from({length: workingRows}, (_, i) => (
        <Text key={`working-${i}`} wrap="truncate-end">
          {working[i] || ' '}
        </Text>
      ))}
      <KeyBar hints={KEYS} width={props.width} right={position} />
    </Box>
  )
}
