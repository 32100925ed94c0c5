/**
 * A calculation with its working shown: the inputs as given, each step with its formula, the
 * numbers put in, and the result. Every calculator returns one; the terminal, --json and the
 * interactive screen all show the same thing.
 */
export interface WorkedStep {
  readonly label: string
  /** The formula in symbols: "a = λ · S". */
  readonly formula: string
  /** The formula with the numbers put in: "1,000 /s × 0.1 s". */
  readonly working: string
  readonly value: number
  readonly unit: string
}

export interface Worked {
  readonly title: string
  /** The result in a few words, for a reader who wants the answer before the working. */
  readonly answer: string
  /** Inputs as read, each with its value shown in the unit it is used in. */
  readonly inputs: ReadonlyArray<{readonly name: string; readonly label: string; readonly shown: string}>
  readonly steps: WorkedStep[]
  /** The answers, by name, for --json and tests. */
  readonly results: Record<string, number | string | boolean | null>
  readonly notes: string[]
}

/** A number for people: up to `significant` digits, thousands separated, no float noise. */
export function formatNumber(value: number, significant = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'not a number'
  if (value === 0) return '0'
  const magnitude = Math.floor(Math.log10(Math.abs(value)))
  if (magnitude >= 15 || magnitude < -6) return value.toExponential(significant - 1).replace(/\.?0+e/, 'e')
  const decimals = Math.max(0, significant - 1 - magnitude)
  const rounded = Number(value.toFixed(Math.min(decimals, 12)))
  return rounded.toLocaleString('en-US', {maximumFractionDigits: Math.min(decimals, 12)})
}

export function withUnit(value: number, unit: string, significant = 4): string {
  return unit ? `${formatNumber(value, significant)} ${unit}` : formatNumber(value, significant)
}
