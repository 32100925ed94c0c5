import {FieldError} from '../field-error.js'
import {bloomSize, countMinSize, hllForError, hllFromRegisters} from '../sketches.js'
import {formatNumber, type Worked} from '../worked.js'
import {fieldOf, type FieldValues} from './model.js'
import {HLL, type BLOOM, type CMS} from './specs.js'

const MIB = 2 ** 20

export function bloom(input: FieldValues<typeof BLOOM>): Worked {
  const n = input.items.value
  const p = input.fpr.value
  const size = bloomSize(n, p)
  return {
    title: 'Bloom filter',
    answer: `${formatNumber(size.bits, 10)} bits (${formatNumber(size.bytes / MIB)} MiB) and ${size.hashes} hash functions`,
    inputs: [{name: 'items', label: 'items n', shown: formatNumber(n, 6)}, {name: 'fpr', label: 'false-positive rate p', shown: `${formatNumber(p * 100)} %`}],
    steps: [
      {label: 'bits', formula: 'm = −n · ln p / (ln 2)²', working: `−${formatNumber(n, 6)} × ln ${formatNumber(p)} / ${formatNumber(Math.LN2 ** 2)}`, value: size.bits, unit: 'bits'},
      {label: 'memory', formula: 'm / 8 / 2²⁰', working: `${formatNumber(size.bits, 10)} / 8 / 1,048,576`, value: size.bytes / MIB, unit: 'MiB'},
      {label: 'hash functions', formula: 'k = (m / n) · ln 2', working: `${formatNumber(size.bits / n)} × ${formatNumber(Math.LN2)} = ${formatNumber(size.hashesExact)}`, value: size.hashes, unit: ''},
      {label: 'rate with k rounded', formula: '(1 − e^(−k·n/m))^k', working: `k = ${size.hashes}`, value: size.actualRate * 100, unit: '%'},
    ],
    results: {bits: size.bits, bytes: size.bytes, mebibytes: size.bytes / MIB, hashes: size.hashes, hashes_exact: size.hashesExact, actual_rate: size.actualRate},
    notes: [`${formatNumber(size.bits / n)} bits per item. A Bloom filter answers "seen before?" with no false negatives; it cannot list or count its items.`],
  }
}

/** HyperLogLog from a register count or a target error (the specification makes sure one is given). */
export function hll(input: FieldValues<typeof HLL>): Worked {
  let size
  let steps: Worked['steps']
  if (input.registers !== undefined) {
    const m = input.registers.value
    if (!Number.isInteger(Math.log2(m))) {
      const field = fieldOf(HLL, 'registers')
      throw new FieldError([field], (name) => `${name(field, input.registers!.text)}: HyperLogLog uses a power of two registers (16, 32, …, 65536)`)
    }
    size = hllFromRegisters(m)
    steps = [{label: 'standard error', formula: '1.04 / √m', working: `1.04 / √${m}`, value: size.standardError * 100, unit: '%'}]
  } else {
    const e = input.error!.value
    size = hllForError(e)
    steps = [
      {label: 'registers needed', formula: 'm ≥ (1.04 / e)²', working: `(1.04 / ${formatNumber(e)})² = ${formatNumber((1.04 / e) ** 2)}`, value: size.registers, unit: 'registers (next power of two)'},
      {label: 'standard error', formula: '1.04 / √m', working: `1.04 / √${size.registers}`, value: size.standardError * 100, unit: '%'},
    ]
  }
  return {
    title: 'HyperLogLog',
    answer: `${size.registers} registers (${formatNumber(size.bytes / 1024)} KiB): a standard error of ${formatNumber(size.standardError * 100)} %`,
    inputs: input.registers !== undefined ? [{name: 'registers', label: 'registers m', shown: String(size.registers)}] : [{name: 'error', label: 'target standard error', shown: input.error!.text}],
    steps: [...steps, {label: 'memory', formula: '6 bits × m', working: `6 × ${size.registers} / 8`, value: size.bytes / 1024, unit: 'KiB'}],
    results: {registers: size.registers, precision: size.precision, standard_error: size.standardError, bytes: size.bytes},
    notes: ['Small cardinalities need linear counting (the raw estimate is biased below about 2.5·m); HLL registers merge by taking the maximum, so sketches from many nodes combine exactly.'],
  }
}

export function cms(input: FieldValues<typeof CMS>): Worked {
  const epsilon = input.epsilon.value
  const delta = input.delta.value
  const size = countMinSize(epsilon, delta)
  return {
    title: 'Count-min sketch',
    answer: `${formatNumber(size.width)} counters × ${size.depth} rows (${formatNumber(size.bytes / 1024)} KiB)`,
    inputs: [{name: 'epsilon', label: 'error ε (share of N)', shown: formatNumber(epsilon)}, {name: 'delta', label: 'failure probability δ', shown: formatNumber(delta)}],
    steps: [
      {label: 'width', formula: 'w = ⌈e / ε⌉', working: `⌈${formatNumber(Math.E)} / ${formatNumber(epsilon)}⌉`, value: size.width, unit: 'counters'},
      {label: 'depth', formula: 'd = ⌈ln(1 / δ)⌉', working: `⌈ln ${formatNumber(1 / delta)}⌉`, value: size.depth, unit: 'rows'},
      {label: 'memory', formula: 'w · d × 4 bytes', working: `${size.width} × ${size.depth} × 4`, value: size.bytes / 1024, unit: 'KiB'},
    ],
    results: {width: size.width, depth: size.depth, counters: size.counters, bytes: size.bytes},
    notes: [`An estimate never undercounts, and exceeds the true count by at most ε·N (N: the total of all counts) with probability ${formatNumber((1 - delta) * 100)} %.`],
  }
}
