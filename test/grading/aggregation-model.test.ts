import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/aggregation/reference/aggregation.js'
import {CountMinModel, HllModel, place, QuantileModel, twoStage, type Records} from '../../graders/aggregation/models.js'
import {integer, pick, randomFromSeed, shuffle, type Random} from '../../src/core/random.js'

/**
 * The aggregation grader's expectations come from its models (graders/aggregation/models.ts), not
 * from the reference. Here the two meet on many generated scripts, the boundary values of the
 * grader's fixed episodes included: any disagreement means a model does not follow the contract
 * (or the reference does not), and some learner would be graded against the wrong answer.
 */
const SEEDS = 200

/** Strings with ranks of 31 to 36 at some precision, and strings whose rank runs into the second hash word. */
const HIGH = ['rank-111982059', 'rank-160911847', 'rank-155986942', 'rank-27625545', 'edge-1303092', 'edge-2234532', 'edge-10422381']

/** The first index where two long lists differ, or -1: cheaper than a deep comparison of 65,536 registers. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return -1
}

function values(random: Random, distinct: number, extra: number): string[] {
  const ids = Array.from({length: distinct}, (_, i) => `v${integer(random, 0, 1e6)}:${i}`)
  for (let i = 0; i < extra; i++) ids.push(ids[integer(random, 0, distinct - 1)]!)
  return shuffle(random, [...ids, ...(random() < 0.5 ? HIGH : [])])
}

describe('the aggregation models agree with the reference', () => {
  it('HyperLogLog: registers, count and merges', () => {
    // Half the seeds: each builds three sketches of up to 65,536 registers and counts them.
    for (let seed = 0; seed < SEEDS / 2; seed++) {
      const random = randomFromSeed(seed)
      const p = integer(random, 4, 16)
      // Sizes from empty to a few times m, so both sides of the switch to the raw estimate come up.
      const stream = values(random, integer(random, 0, Math.min(4 * 2 ** p, 3000)) || 1, integer(random, 0, 50)).slice(0, integer(random, 0, 4000))
      const parts = [0, 1, 2].map(() => ({sketch: reference.createHyperLogLog(p), model: new HllModel(p)}))
      for (const v of stream) {
        const part = pick(random, parts)
        part.sketch.add(v)
        part.model.add(v)
      }
      for (const {sketch, model} of parts) {
        expect(firstDifference(sketch.registers(), model.registers), `seed ${seed}`).toBe(-1)
        expect(sketch.count(), `seed ${seed}`).toBe(model.count())
      }
      const [a, b, c] = parts as [(typeof parts)[0], (typeof parts)[0], (typeof parts)[0]]
      a.sketch.merge(b.sketch)
      a.model.merge(b.model)
      a.sketch.merge(c.sketch)
      a.model.merge(c.model)
      expect(firstDifference(a.sketch.registers(), a.model.registers), `seed ${seed}`).toBe(-1)
      expect(a.sketch.count(), `seed ${seed}`).toBe(a.model.count())
    }
  })

  it('HyperLogLog: placement of the high-rank strings, at every precision', () => {
    for (const v of HIGH) {
      for (let p = 4; p <= 16; p++) {
        const sketch = reference.createHyperLogLog(p)
        sketch.add(v)
        const {index, rank} = place(v, p)
        const registers = [...sketch.registers()]
        expect(registers[index], `${v} at p = ${p}`).toBe(rank)
        expect(registers.filter((r) => r !== 0)).toHaveLength(1)
      }
    }
  })

  it('count-min: counters, estimates, totals and merges', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(1000 + seed)
      const epsilon = pick(random, [integer(random, 1, 999) / 1000, Math.E / integer(random, 3, 300)])
      const delta = pick(random, [integer(random, 1, 999) / 1000, Math.exp(-integer(random, 1, 8))])
      const a = reference.createCountMin({epsilon, delta})
      const b = reference.createCountMin({epsilon, delta})
      const [ma, mb] = [new CountMinModel(epsilon, delta), new CountMinModel(epsilon, delta)]
      expect(a.dimensions(), `seed ${seed}`).toEqual({width: ma.width, depth: ma.depth})
      const keys = Array.from({length: integer(random, 1, 60)}, (_, i) => `k${i}-${integer(random, 0, 1e6)}`)
      for (let i = integer(random, 0, 300); i > 0; i--) {
        const key = pick(random, keys)
        const count = pick(random, [undefined, 0, integer(random, 1, 1000), 2 ** 40 + integer(random, 0, 99)])
        const [sketch, model] = random() < 0.5 ? [a, ma] : [b, mb]
        if (count === undefined) sketch.add(key)
        else sketch.add(key, count)
        model.add(key, count ?? 1)
      }
      a.merge(b)
      ma.merge(mb)
      for (const [sketch, model] of [[a, ma], [b, mb]] as const) {
        const cells = sketch.counters()
        expect(cells.length, `seed ${seed}`).toBe(model.depth)
        model.table.forEach((row, i) => expect(firstDifference(cells[i]!, row), `seed ${seed} row ${i}`).toBe(-1))
        expect(sketch.total()).toBe(model.total)
        for (const key of [...keys, 'never-added']) expect(sketch.estimate(key)).toBe(model.estimate(key))
      }
    }
  })

  it('quantile sketch: buckets, counts, every rank and merges, bucket edges included', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(2000 + seed)
      const alpha = pick(random, [0.005, 0.01, 0.02, 0.05, 0.1, 0.3])
      const gamma = (1 + alpha) / (1 - alpha)
      const draw = () =>
        pick(random, [
          () => 0,
          () => Math.pow(gamma, integer(random, -60, 60)),
          () => 1000 * random(),
          () => 10 ** (-6 * random()),
          () => integer(random, 0, 20),
        ])()
      const data = Array.from({length: integer(random, 0, 300)}, draw)
      const parts = [0, 1].map(() => ({sketch: reference.createQuantileSketch({relativeAccuracy: alpha}), model: new QuantileModel(alpha)}))
      for (const x of data) {
        const part = pick(random, parts)
        part.sketch.add(x)
        part.model.add(x)
      }
      const [a, b] = parts as [(typeof parts)[0], (typeof parts)[0]]
      a.sketch.merge(b.sketch)
      a.model.merge(b.model)
      for (const {sketch, model} of parts) {
        expect(sketch.buckets(), `seed ${seed}`).toEqual(model.buckets())
        expect(sketch.count()).toBe(model.n)
        const n = model.n
        const qs = [0, 1, random(), ...Array.from({length: Math.min(n, 40)}, (_, k) => (n > 1 ? k / (n - 1) : 0))]
        for (const q of qs) {
          const got = sketch.quantile(q)
          const want = model.quantile(q)
          if (Number.isNaN(want)) expect(got, `seed ${seed} q ${q}`).toBeNaN()
          else expect(got, `seed ${seed} q ${q}`).toBe(want)
        }
      }
    }
  })

  it('two-stage sum: sums, hot keys and loads, at the limits of the options', () => {
    const keys = ['apple', 'Apple', 'Zebra', 'zebra', 'éclair', '10', '9', '😀', 'ﬁ', 'a-b', 'a_b', 'ab', 'hot', 'x']
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(3000 + seed)
      const weights = keys.map(() => random() ** 3)
      const records: Records[] = Array.from({length: integer(random, 0, 200)}, () => {
        let u = random() * weights.reduce((s, w) => s + w, 0)
        const i = weights.findIndex((w) => (u -= w) < 0)
        return {key: keys[i === -1 ? keys.length - 1 : i]!, value: integer(random, -1000, 1000)}
      })
      const partitions = integer(random, 1, 12)
      const salts = pick(random, [1, partitions, integer(random, 1, partitions)])
      const hotThreshold = pick(random, [1, Infinity, integer(random, 2, 30), integer(random, 2, 30) + 0.5])
      expect(reference.twoStageSum(records, {partitions, salts, hotThreshold}), `seed ${seed}`).toEqual(twoStage(records, partitions, salts, hotThreshold))
    }
  })
})
