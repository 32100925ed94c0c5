import {Box, Text, useApp, useInput, useStdin, type Key} from 'ink'
import {useReducer, useRef} from 'react'
import {formatWorked} from '../text/worked.js'
import {KeyBar} from '../components/key-bar.js'
import {eachKey} from '../hooks/each-key.js'
import {Rule} from '../components/rule.js'
import {SCREEN_CALCULATORS} from './calculator-fields.js'

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
 * type. State lives in a ref for the same reason as the reader's (keys faster than frames).
 */
export function CalculatorScreen(props: {readonly color: boolean; readonly width: number; readonly height: number}) {
  const {exit} = useApp()
  const {isRawModeSupported} = useStdin()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const store = useRef<State>({
    calculator: 0,
    field: 0,
    values: SCREEN_CALCULATORS.map((c) => Object.fromEntries(c.fields.map((f) => [f.name, f.initial]))),
  })
  const update = (change: Partial<State>) => {
    store.current = {...store.current, ...change}
    rerender()
  }

  useInput((chunk, chunkKey) => eachKey(chunk, chunkKey, onKey), {isActive: isRawModeSupported})

  function onKey(input: string, key: Key): void {
    const state = store.current
    const calculator = SCREEN_CALCULATORS[state.calculator]!
    const fieldCount = calculator.fields.length
    const edit = (change: (value: string) => string) => {
      const name = calculator.fields[state.field]!.name
      const values = state.values.map((v, i) => (i === state.calculator ? {...v, [name]: change(v[name] ?? '')} : v))
      update({values})
    }
    if (key.escape || (key.ctrl && input === 'c')) exit()
    else if (key.leftArrow) update({calculator: (state.calculator + SCREEN_CALCULATORS.length - 1) % SCREEN_CALCULATORS.length, field: 0})
    else if (key.rightArrow) update({calculator: (state.calculator + 1) % SCREEN_CALCULATORS.length, field: 0})
    else if (key.upArrow || (key.tab && key.shift)) update({field: (state.field + fieldCount - 1) % fieldCount})
    else if (key.downArrow || key.tab || key.return) update({field: (state.field + 1) % fieldCount})
    else if (key.backspace || key.delete) edit((v) => v.slice(0, -1))
    else if (key.ctrl && input === 'u') edit(() => '')
    else if (input && !key.ctrl && !key.meta) edit((v) => v + input)
  }

  const state = store.current
  const calculator = SCREEN_CALCULATORS[state.calculator]!
  const values = state.values[state.calculator]!
  let output: string[]
  let failed = false
  try {
    output = formatWorked(calculator.compute(values), {color: props.color, width: props.width}).split('\n')
  } catch (error) {
    failed = true
    output = [(error as Error).message, ...((error as {next?: string[]}).next ?? [])]
  }
  const labelWidth = Math.max(...calculator.fields.map((f) => f.label.length))
  const room = Math.max(1, props.height - calculator.fields.length - 6)
  return (
    <Box flexDirection="column" width={props.width}>
      <Text wrap="truncate-end">
        {SCREEN_CALCULATORS.map((c, i) => (
          <Text key={c.name} inverse={i === state.calculator} bold={i === state.calculator}>
            {` ${c.name} `}
          </Text>
        ))}
      </Text>
      <Rule width={props.width} />
      {calculator.fields.map((field, i) => (
        <Text key={field.name} wrap="truncate-end">
          <Text color={i === state.field ? 'cyan' : undefined}>{i === state.field ? '❯ ' : '  '}</Text>
          <Text dimColor>{field.label.padEnd(labelWidth)}</Text>
          {'  '}
          {values[field.name]}
          {i === state.field ? <Text inverse> </Text> : null}
        </Text>
      ))}
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
