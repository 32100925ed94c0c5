/**
 * The changes a perturbation run makes to one field of a reference design: the mistakes and
 * shortcuts a learner's document shows in one place. Prose (a sentence, a note) is left alone:
 * a person reads it, and no change to it is a flaw a check could be expected to see.
 */
export interface Perturbation {
  readonly kind: string
  readonly from: unknown
  /** The new value; undefined deletes the field. */
  readonly to: unknown
}

/** Scaling kinds: a figure off by a factor, as a slip of arithmetic or an inflated input gives. */
const SCALINGS: ReadonlyArray<readonly [string, number]> = [
  ['double', 2],
  ['half', 0.5],
  ['tenfold', 10],
  ['tenth', 0.1],
]

/** A unit written in place of another of the same kind, at the same number. */
const UNIT_SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ms\b/, 's'],
  [/^s\b/, 'ms'],
  [/^min\b/, 's'],
  [/^h\b/, 'min'],
  [/^days?\b/, 'h'],
  [/^(\w+)\/s\b/, '$1/min'],
  [/^(\w+)\/day\b/, '$1/h'],
  [/^(\w+)\/h\b/, '$1/day'],
  [/^KB\b/, 'MB'],
  [/^MB\b/, 'GB'],
  [/^GB\b/, 'MB'],
  [/^TB\b/, 'GB'],
  [/^PB\b/, 'TB'],
  [/^Gbps\b/, 'Mbps'],
  [/^Mbps\b/, 'Gbps'],
  [/^%$/, ''],
]

/** A number written the way a person would, without float noise. */
const tidy = (n: number) => Number(n.toPrecision(12))

/** A quantity written as text: its leading number and what follows it. */
const QUANTITY = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)(\s*)(.*)$/i

export function perturbationsOf(value: unknown): Perturbation[] {
  const out: Perturbation[] = []
  if (typeof value === 'number') {
    for (const [kind, factor] of SCALINGS) out.push({kind, from: value, to: tidy(value * factor)})
  } else if (typeof value === 'string') {
    const match = QUANTITY.exec(value.trim())
    if (!match) return isWord(value) ? [{kind: 'delete', from: value, to: undefined}] : []
    const [, number, space, unit] = match as unknown as [string, string, string, string]
    for (const [kind, factor] of SCALINGS) out.push({kind, from: value, to: `${tidy(Number(number) * factor)}${space}${unit}`})
    for (const [pattern, replacement] of UNIT_SWAPS) {
      if (!pattern.test(unit)) continue
      const swapped = unit.replace(pattern, replacement)
      out.push({kind: 'unit', from: value, to: swapped === '' ? number : `${number}${space || ' '}${swapped}`})
      break
    }
  } else if (typeof value === 'boolean') {
    out.push({kind: 'flip', from: value, to: !value})
  } else return []
  out.push({kind: 'delete', from: value, to: undefined})
  return out
}

/** An enum-like value (`long_polling`, `full`): deleting it is a change a check should see; prose is not. */
function isWord(value: string): boolean {
  return /^[\w.-]+$/.test(value.trim())
}
