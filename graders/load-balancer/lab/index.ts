/**
 * The load balancer's lab (`course run load-balancer`), two experiments on the learner's module
 * (or the reference's): `strategies` routes one workload through a cluster of unequal servers,
 * one of which slows down and one of which stops answering for a while, with each strategy;
 * `levels` measures how busy a fleet can run at a p99 target with a strategy of each of the
 * pillar lesson's four levels, and sets the figures beside the lesson's ranges.
 */
import {defineLab, type LabBlock} from 'course/kit/lab'
import {runLevels, type LevelsResult} from './levels-result.js'
import {levelsView} from './levels-view.js'
import {runStrategies, type StrategiesResult} from './strategies-result.js'
import {strategiesView} from './strategies-view.js'

export type LoadBalancerRun = StrategiesResult | LevelsResult

export default defineLab<LoadBalancerRun>({
  run(values, context) {
    return values.experiment === 'levels' ? runLevels(values, context) : runStrategies(values, context)
  },

  view(run): LabBlock[] {
    return run.experiment === 'levels' ? levelsView(run) : strategiesView(run)
  },
})
