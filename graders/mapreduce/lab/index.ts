/**
 * The MapReduce lab (`course run mapreduce`): a word count over a synthetic corpus, run four
 * times on a small cluster with one slow worker: without and with speculative copies, without
 * and with the combiner. The reference's functions do the work, or with `--mine` the learner's:
 * map, combine, partition and reduce on the real documents, speculate at every heartbeat.
 */
import {defineLab} from 'course/kit/lab'
import {readJobOutput, type MapReduceRun, type RunResult} from './result.js'
import {HEARTBEAT_MS, jobInputs, POLICY, RUNS, costsFor, type RunName} from './scenario.js'
import {mapReduceView} from './view.js'

export type {MapReduceRun} from './result.js'

export default defineLab<MapReduceRun>({
  async run(values, context) {
    const chosen = {
      seed: Number(values.seed),
      documents: Number(values.documents),
      splits: Number(values.splits),
      reducers: Number(values.reducers),
      workers: Number(values.workers),
      slowdown: Number(values.slowdown),
    }
    const inputs = jobInputs(chosen)
    context.progress?.(`running the job four times over ${chosen.documents} documents`)
    const outcomes = context.runCode ? await context.runCode(inputs) : []
    const runs = RUNS.map((run, i): RunResult => {
      const outcome = outcomes[i]
      const base = {name: run.name, combiner: run.combiner, speculation: run.speculation}
      if (!outcome) return {...base, output: null, error: context.runCode ? 'the driver gave no answer' : 'the course gave this lab no way to run code'}
      if (!outcome.ok) return {...base, output: null, error: outcome.error}
      const output = readJobOutput(outcome.output)
      return output ? {...base, output, error: null} : {...base, output: null, error: 'the driver answered something that is not a job run'}
    })
    return {
      source: context.source,
      ...chosen,
      slow_worker: chosen.workers,
      show: String(values.show) as RunName,
      policy: POLICY,
      heartbeat_ms: HEARTBEAT_MS,
      costs: costsFor(chosen),
      runs,
    }
  },
  view: mapReduceView,
})
