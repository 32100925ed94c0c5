import {render} from 'ink'
import {useTerminalSize} from './hooks/use-terminal-size.js'
import {CalculatorScreen} from './screens/calculator.js'

function Sized(props: {readonly color: boolean}) {
  const {columns, rows} = useTerminalSize()
  return <CalculatorScreen color={props.color} width={columns} height={rows - 1} />
}

/** Runs the interactive calculators until the user leaves. */
export async function runCalculatorScreen(options: {color: boolean}): Promise<void> {
  process.stdout.write('\u001B[?1049h\u001B[H')
  try {
    const instance = render(<Sized color={options.color} />, {exitOnCtrlC: false, patchConsole: false})
    await instance.waitUntilExit()
  } finally {
    process.stdout.write('\u001B[?1049l')
  }
}
