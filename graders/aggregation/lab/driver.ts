/**
 * The aggregation lab's driver, run in the sandbox beside the chosen module (the reference or the
 * learner's): it builds one kind of sketch at each setting it is asked about, feeds it the lab's
 * synthetic data and returns only the error each setting showed against the exact answers.
 */
import {defineDriver} from 'course/kit/driver'
import {sweepCountMin, type CountMinInput, type CountMinSweep} from './count-min-sweep.js'
import {sweepHyperLogLog, type HllInput, type HllRow} from './hll-sweep.js'
import {sweepQuantiles, type QuantileInput, type QuantileSweep} from './quantile-sweep.js'

export type SketchInput = HllInput | CountMinInput | QuantileInput

export type SketchOutput = {readonly sketch: 'hll'; readonly rows: HllRow[]} | ({readonly sketch: 'count-min'} & CountMinSweep) | ({readonly sketch: 'quantiles'} & QuantileSweep)

export function measureSketch(module: Record<string, unknown>, input: SketchInput): SketchOutput {
  switch (input.sketch) {
    case 'hll':
      return {sketch: 'hll', rows: sweepHyperLogLog(module, input)}
    case 'count-min':
      return {sketch: 'count-min', ...sweepCountMin(module, input)}
    case 'quantiles':
      return {sketch: 'quantiles', ...sweepQuantiles(module, input)}
  }
}

export default defineDriver((module, input) => measureSketch(module, input as SketchInput))
