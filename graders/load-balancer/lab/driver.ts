/**
 * The load balancer lab's driver, run in the sandbox beside the chosen module (the reference or
 * the learner's). Each input is one strategy of one experiment; the whole simulation runs here,
 * calling the learner's functions from its event loop, and only a summary goes back. Whatever the
 * learner's code throws or returns by mistake comes back as a line saying so, not as a crash.
 */
import {defineDriver} from 'course/kit/driver'
import {simulateCluster, type ClusterInput, type ClusterResult} from './cluster.js'
import {measureLevel, type LevelsInput, type LevelsResult} from './levels.js'

export type LabInput = ({readonly experiment: 'strategies'} & ClusterInput) | ({readonly experiment: 'levels'} & LevelsInput)
export type LabOutput = ClusterResult | LevelsResult

export function runExperiment(module: Record<string, unknown>, input: LabInput): LabOutput {
  return input.experiment === 'strategies' ? simulateCluster(module, input) : measureLevel(module, input)
}

export default defineDriver((module, input) => runExperiment(module, input as LabInput))
