import {Box, Text, useApp, useInput, useStdin, type Key} from 'ink'
import {useReducer, useRef} from 'react'
import {CALCULATORS} from '../../core/capacity/calculators/registry.js'
import {runCalculator} from '../../core/capacity/calculators/run.js'
import {formatWorked} from '../text/worked.js'
import {KeyBar} from '../components/key-bar.js'
import {eachKey} from '../hooks/each-key.js'
import {Rule} from '../components/rule.js'
import {initialValues, inputLabel} from './calculator-fields.js'

interface State {
  readonly calculator: number
  readonly field: number
  /** Values per calculator, by field name. */
  readonly values: ReadonlyArray<Record<string, string>>
}

const KEYS = [
  {keys: '←→', action: 'calculator'},
  {keys: 'tab ↑↓', action: 'field'},
  {keys: 'type', action: 'edit'},
  {keys: 'ctrl-u', action: 'clear'},
  {keys: 'esc', action: 'quit'},
]

/**
 * `course calc` on a terminal: pick a calculator, edit its inputs, see the working update as you
 * type. The inputs are the calculator's fields (the commands' flags come from the same ones), and
 * messages name them by label. State lives in a ref for the same reason as the reader's (keys
 * faster than frames).
 */
export function CalculatorScreen(props: {readonly color: boolean; readonly width: number; readonly height: number}) {
  const {exit} = useApp()
  const {isRawModeSupported} = useStdin()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const store = useRef<State>({
    calculator: 0,
    field: 0,
    values: CALCULATORS.map((c) => initialValues(c.spec)),
  })
  const update = (change: Partial<State>) => {
    store.current = {...store.current, ...change}
    rerender()
  }

  useInput((chunk, chunkKey) => eachKey(chunk, chunkKey, onKey), {isActive: isRawModeSupported})

  function onKey(input: string, key: Key): void {
    const state = store.current
    const {fields} = CALCULATORS[state.calculator]!.spec
    const fieldCount = fields.length
    const edit = (change: (value: string) => string) => {
      const name = fields[state.field]!.name
      const values = state.values.map((v, i) => (i === state.calculator ? {...v, [name]: change(v[name] ?? '')} : v))
      update({values})
    }
    if (key.escape || (key.ctrl && input === 'c')) exit()
    else if (key.leftArrow) update({calculator: (state.calculator + CALCULATORS.length - 1) % CALCULATORS.length, field: 0})
    else if (key.rightArrow) update({calculator: (state.calculator + 1) % CALCULATORS.length, field: 0})
    else if (key.upArrow || (key.tab && key.shift)) update({field: (state.field + fieldCount - 1) % fieldCount})
    else if (key.downArrow || key.tab || key.return) update({field: (state.field + 1) % fieldCount})
    else if (key.backspace || key.delete) edit((v) => v.slice(0, -1))
    else if (key.ctrl && input === 'u') edit(() => '')
    else if (input && !key.ctrl && !key.meta) edit((v) => v + input)
  }

  const state = store.current
  const calculator = CALCULATORS[state.calculator]!
  const {fields} = calculator.spec
  const values = state.values[state.calculator]!
  let output: string[]
  let failed = false
  try {
    output = formatWorked(runCalculator(calculator, values), {color: props.color, width: props.width}).split('\n')
  } catch (error) {
    failed = true
    output = [(error as Error).message, ...((error as {next?: string[]}).next ?? [])]
  }
  const labelWidth = Math.max(...fields.map((f) => inputLabel(f).length))
  // The rows around the output: tabs, two rules, the help line and the key bar.
  const room = Math.max(1, props.height - fields.length - 7)
  return (
    <Box flexDirection="column" width={props.width}>
      <Text wrap="truncate-end">
        {CALCULATORS.map(({spec}, i) => (
          <Text key={spec.name} inverse={i === state.calculator} bold={i === state.calculator}>
            {` ${spec.name} `}
          </Text>
        ))}
      </Text>
      <Rule width={props.width} />
      {fields.map((field, i) => (
        <Text key={field.name} wrap="truncate-end">
          <Text color={i === state.field ? 'cyan' : undefined}>{i === state.field ? '❯ ' : '  '}</Text>
          <Text dimColor>{inputLabel(field).padEnd(labelWidth)}</Text>
          {'  '}
          {values[field.name]}
          {i === state.field ? <Text inverse> </Text> : null}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {`  ${fields[state.field]?.help ?? ''}`}
      </Text>
      <Rule width={props.width} />
      {output.slice(0, room).map((line, i) => (
        <Text key={i} wrap="truncate-end" color={failed ? 'yellow' : undefined}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <KeyBar hints={KEYS} width={props.width} />
    </Box>
  )
}
