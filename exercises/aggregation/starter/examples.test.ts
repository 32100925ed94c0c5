import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createCountMin, createHyperLogLog, createQuantileSketch, twoStageSum} from './aggregation.ts'

test('HyperLogLog: an empty sketch has 2^p zero registers and counts 0', () => {
  const hll = createHyperLogLog(10)
  assert.equal(hll.registers().length, 1024)
  assert.ok(hll.registers().every((r) => r === 0))
  assert.equal(hll.count(), 0)
})

test('HyperLogLog: registers follow the specified hash (p = 4)', () => {
  const hll = createHyperLogLog(4)
  // SHA-1("a") starts 1000 0110…: register 8, rank 2.  SHA-1("apple") starts 1101 0000 1…:
  // register 13, rank 5.  "b" (1110 1…) and "user-42" (0110 1…) have rank 1.
  for (const v of ['a', 'b', 'c', 'apple', 'user-42']) hll.add(v)
  assert.deepEqual([...hll.registers()], [0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 5, 1, 0])
})

test('HyperLogLog: small counts are close and duplicates do not count', () => {
  const hll = createHyperLogLog(14)
  for (let round = 0; round < 3; round++) for (let i = 0; i < 1000; i++) hll.add(`item-${i}`)
  const estimate = hll.count()
  assert.ok(Math.abs(estimate - 1000) <= 10, `expected about 1000 distinct values, got ${estimate}`)
})

test('HyperLogLog: two halves merged give the sketch of the whole', () => {
  const left = createHyperLogLog(12)
  const right = createHyperLogLog(12)
  const whole = createHyperLogLog(12)
  for (let i = 0; i < 5000; i++) {
    const v = `user-${i % 3001}`
    ;(i % 2 === 0 ? left : right).add(v)
    whole.add(v)
  }
  left.merge(right)
  assert.deepEqual(left.registers(), whole.registers())
  assert.throws(() => left.merge(createHyperLogLog(11)), RangeError)
})

test('Count-min: 2719 × 5 for ε = 0.001, δ = 0.01, and it never under-counts', () => {
  const cms = createCountMin({epsilon: 0.001, delta: 0.01})
  assert.deepEqual(cms.dimensions(), {width: 2719, depth: 5})
  const truth = new Map<string, number>()
  for (let i = 0; i < 20000; i++) {
    const key = `page-${(i * i) % 997}`
    cms.add(key)
    truth.set(key, (truth.get(key) ?? 0) + 1)
  }
  cms.add('home', 5000)
  truth.set('home', 5000)
  assert.equal(cms.total(), 25000)
  for (const [key, n] of truth) {
    const e = cms.estimate(key)
    assert.ok(e >= n, `${key}: estimate ${e} below the true ${n}`)
    assert.ok(e <= n + 0.001 * 25000, `${key}: estimate ${e} too far above ${n}`)
  }
})

test('Quantile sketch: every percentile of 1…1000 within 1 %', () => {
  const sketch = createQuantileSketch({relativeAccuracy: 0.01})
  for (let x = 1; x <= 1000; x++) sketch.add(x)
  assert.equal(sketch.count(), 1000)
  for (let p = 0; p <= 100; p++) {
    const q = p / 100
    const exact = Math.floor(q * 999) + 1 // the value of rank floor(q·(n − 1)) in 1…1000
    const got = sketch.quantile(q)
    assert.ok(Math.abs(got - exact) <= 0.01 * exact * (1 + 1e-9), `q = ${q}: ${got} vs ${exact}`)
  }
})

test('Quantile sketch: merging is exact, whatever the split', () => {
  const parts = [0, 1, 2].map(() => createQuantileSketch({relativeAccuracy: 0.02}))
  const whole = createQuantileSketch({relativeAccuracy: 0.02})
  const values = [0, 0.5, 3, 3, 17, 250, 1e4, 0.001, 42, 42, 42, 7e6]
  values.forEach((x, i) => {
    parts[i % 3]!.add(x)
    whole.add(x)
  })
  parts[0]!.merge(parts[2]!)
  parts[0]!.merge(parts[1]!)
  assert.deepEqual(parts[0]!.buckets(), whole.buckets())
  assert.equal(parts[0]!.quantile(0.5), whole.quantile(0.5))
  assert.equal(whole.quantile(0), 0)
})

test('Two-stage sum: exact sums, and the hot key is spread over its salts', () => {
  const records = [
    ...Array.from({length: 12}, (_, i) => ({key: 'celebrity', value: i + 1})),
    ...['a', 'b', 'c', 'd'].map((key) => ({key, value: 10})),
  ]
  const plain = twoStageSum(records, {partitions: 4, salts: 1, hotThreshold: Infinity})
  const salted = twoStageSum(records, {partitions: 4, salts: 4, hotThreshold: 5})
  const expected = [
    {key: 'a', sum: 10},
    {key: 'b', sum: 10},
    {key: 'c', sum: 10},
    {key: 'celebrity', sum: 78},
    {key: 'd', sum: 10},
  ]
  assert.deepEqual(plain.sums, expected)
  assert.deepEqual(salted.sums, expected)
  assert.deepEqual(salted.hotKeys, ['celebrity'])
  assert.deepEqual(plain.naiveLoad, [4, 0, 12, 0])
  assert.deepEqual(salted.stage1Load, [7, 3, 3, 3])
  assert.deepEqual(salted.stage2Load, [0, 0, 4, 0])
})
