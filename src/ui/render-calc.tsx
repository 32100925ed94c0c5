import {render} from 'ink'
import type {PlanShelf} from '../services/calc.js'
import {useTerminalSize} from './hooks/use-terminal-size.js'
import {CalculatorScreen} from './screens/calculator.js'

function Sized(props: {readonly color: boolean; readonly plans?: PlanShelf}) {
  const {columns, rows} = useTerminalSize()
  return <CalculatorScreen color={props.color} width={columns} height={rows - 1} plans={props.plans} />
}

/** Runs the interactive calculators until the user leaves; `plans` gives the plan tab its plans. */
export async function runCalculatorScreen(options: {color: boolean; plans?: PlanShelf}): Promise<void> {
  process.stdout.write('\u001B[?1049h\u001B[H')
  try {
    const instance = render(<Sized color={options.color} plans={options.plans} />, {exitOnCtrlC: false, patchConsole: false})
    await instance.waitUntilExit()
  } finally {
    process.stdout.write('\u001B[?1049l')
  }
}
