/**
 * The aggregation grader's code part. Generators build value streams, record sets and sketch
 * parameters from each learner's seeded stream; the independent models (models.ts) say what the
 * registers, counters, buckets, loads and counts must be; property checks measure what the README
 * promises within a tolerance (HyperLogLog and quantile accuracy, count-min's one-sided error, the
 * skew a salted group-by removes); merge cases (merges.ts) name the merge property that broke.
 * Hidden feedback names the property and at most a measured figure, never the inputs or the
 * expected values. Each sketch's cases live in its own file; this one only assembles them.
 */
import {defineGrader} from 'course/kit'
import {countMinChecks, countMinGenerators} from './count-min.js'
import {hyperLogLogChecks, hyperLogLogGenerators} from './hyperloglog.js'
import {merges} from './merges.js'
import {quantileChecks, quantileGenerators} from './quantiles.js'
import {labelled} from './script-results.js'
import {twoStageChecks, twoStageGenerators} from './two-stage.js'

export default defineGrader({
  generators: {...hyperLogLogGenerators, ...countMinGenerators, ...quantileGenerators, ...twoStageGenerators},
  checks: {merges, labelled, ...hyperLogLogChecks, ...countMinChecks, ...quantileChecks, ...twoStageChecks},
})
