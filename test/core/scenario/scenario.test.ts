import {describe, expect, it} from 'vitest'
import {evaluateFormula} from '../../../src/core/scenario/formula.js'
import {differsFromBase, drawVariant, readScenario, scenarioDocument, type ScenarioDocument} from '../../../src/core/scenario/scenario.js'
import {SCENARIO_MARKER, unknownPlaceholders, withScenario} from '../../../src/core/scenario/table.js'
import {drawDocument} from '../../../src/core/scenario/draw.js'

const document: ScenarioDocument = {
  figures: {
    workers: {label: 'Idle workers', value: '10000 workers', kind: 'count', vary: {min: 5000, max: 20000, step: 1000}},
    receive_cpu: {label: 'Queue CPU per receive', value: '0.5 ms', kind: 'duration', vary: {min: 0.2, max: 1, step: 0.1}},
    poll_interval: {label: 'Polling interval', value: '100 ms', kind: 'duration'},
  },
}
const base = readScenario(document).scenario!

describe('a scenario file', () => {
  it('reads every figure in its kind', () => {
    expect(base.figures.get('workers')!.quantity.value).toBe(10000)
    expect(base.figures.get('receive_cpu')!.quantity.value).toBeCloseTo(0.0005, 12)
  })

  it('reports a figure of the wrong kind and a range that leaves out its base value, at their pointers', () => {
    const {faults} = readScenario({figures: {a: {label: 'A', value: '3 GB', kind: 'duration'}, b: {label: 'B', value: '50 workers', kind: 'count', vary: {min: 100, max: 200, step: 10}}}})
    expect(faults.map((f) => f.pointer)).toEqual(['/figures/a/value', '/figures/b/vary'])
  })
})

describe('a learner variant', () => {
  it('is the same for the same learner and unit, within each range and on its steps', () => {
    const one = drawVariant(base, 'jo', 'thundering-herd')
    expect(drawVariant(base, 'jo', 'thundering-herd').figures.get('workers')!.text).toBe(one.figures.get('workers')!.text)
    for (const learner of Array.from({length: 200}, (_, i) => `learner-${i}`)) {
      const variant = drawVariant(base, learner, 'thundering-herd')
      const workers = variant.figures.get('workers')!.quantity.value
      expect(workers >= 5000 && workers <= 20000 && workers % 1000 === 0, String(workers)).toBe(true)
      const cpu = variant.figures.get('receive_cpu')!.quantity.value
      expect(cpu).toBeGreaterThanOrEqual(0.0002 - 1e-12)
      expect(cpu).toBeLessThanOrEqual(0.001 + 1e-12)
      // A figure without a range is never drawn.
      expect(variant.figures.get('poll_interval')!.text).toBe('100 ms')
    }
  })

  it('differs between learners, and reaches both ends of a range', () => {
    const drawn = Array.from({length: 300}, (_, i) => drawVariant(base, `l${i}`, 'u').figures.get('workers')!.quantity.value)
    expect(new Set(drawn).size).toBeGreaterThan(10)
    expect(drawn).toContain(5000)
    expect(drawn).toContain(20000)
    expect(drawn.some((_, i) => differsFromBase(drawVariant(base, `l${i}`, 'u'), base))).toBe(true)
  })

  it('is the draw a reader of the text sees, figure for figure', () => {
    for (const learner of ['a', 'b', 'c', 'jo-smith']) {
      const graded = drawVariant(base, learner, 'u')
      const read = drawDocument(document, learner, 'u')
      for (const [id, figure] of graded.figures) expect(String(read.figures[id]!.value)).toBe(figure.text)
    }
  })

  it('goes back to the file format with the learner it was drawn for', () => {
    const variant = drawVariant(base, 'jo', 'u')
    const written = scenarioDocument(variant)
    expect(written.learner).toBe('jo')
    expect(readScenario(written).scenario!.figures.get('workers')!.text).toBe(variant.figures.get('workers')!.text)
  })
})

describe('a unit text with its scenario', () => {
  it('shows the table where the marker is and each figure where it is named', () => {
    const text = withScenario(`Intro\n\n${SCENARIO_MARKER}\n\n{{workers}} poll every {{poll_interval}}; {{nope}} stays.`, base)
    expect(text).toContain('| Idle workers | 10,000 workers |')
    expect(text).toContain('10,000 workers poll every 100 ms; {{nope}} stays.')
    expect(unknownPlaceholders('{{workers}} {{nope}}', base)).toEqual(['nope'])
  })

  it("tells a learner whose figures they are reading", () => {
    const variant = drawVariant(base, 'jo', 'u')
    expect(withScenario(SCENARIO_MARKER, variant)).toContain('`jo`')
  })
})

describe('an estimate formula over the figures', () => {
  it('evaluates with units into the kind asked for', () => {
    expect(evaluateFormula('workers / poll_interval', base, 'rate')).toEqual({ok: true, value: 100000})
    const cores = evaluateFormula('workers / poll_interval * receive_cpu', base, 'count')
    expect(cores.ok && cores.value).toBeCloseTo(50, 9)
  })

  it('refuses a result of another kind, an unknown figure and a formula that does not parse', () => {
    expect(evaluateFormula('workers / poll_interval', base, 'duration').ok).toBe(false)
    expect(evaluateFormula('workers / nobody', base, 'rate').ok).toBe(false)
    expect(evaluateFormula('workers / (', base, 'rate').ok).toBe(false)
  })
})
