/**
 * The aggregation lab (`course run aggregation`): how much error each sketch buys with how much
 * memory. The module's HyperLogLog, count-min and quantile sketch (the reference's, or the
 * learner's with `--mine`) run in the sandbox over seeded synthetic data at several sizes, and
 * each is set beside the error its theory promises.
 */
import {defineLab, type CodeOutcome} from 'course/kit/lab'
import {countMinReport, hllReport, quantileReport, type SketchReport} from './reports.js'
import {SKETCHES, sweepFor, type Sketch} from './sweeps.js'
import {aggregationView, type AggregationRun} from './view.js'

export type {AggregationRun} from './view.js'

const NOT_RUN: CodeOutcome = {ok: false, error: 'it did not run'}

export default defineLab<AggregationRun>({
  async run(values, context) {
    const seed = Number(values.seed)
    const chosen: readonly Sketch[] = values.sketch === 'all' ? SKETCHES : [values.sketch as Sketch]
    if (!context.runCode) throw new Error('the aggregation lab measures code, so its lab.json must say "uses": "code"')
    const inputs = chosen.map((sketch) => sweepFor(sketch, seed))
    context.progress?.(`measuring ${chosen.join(', ')}`)
    const outcomes = await context.runCode(inputs)
    const sketches = inputs.map((input, i): SketchReport => {
      const outcome = outcomes[i] ?? NOT_RUN
      if (input.sketch === 'hll') return hllReport(input, outcome)
      if (input.sketch === 'count-min') return countMinReport(input, outcome)
      return quantileReport(input, outcome)
    })
    return {source: context.source, seed, sketches}
  },

  view: aggregationView,
})
