/**
 * The thundering herd's lab (`course run thundering-herd`): the unit's four designs for idle
 * workers, and the answer's own, on the same morning. Ten thousand workers wait on an empty queue,
 * jobs start to arrive, and the queue restarts once. It shows what each design costs the queue's
 * CPU over time and how long jobs wait to be picked up, so an answer can be tried before it is
 * graded.
 */
import {defineLab, type LabBlock} from 'course/kit/lab'
import {readAnswer} from './answer.js'
import {answerDesign, readmeDesigns} from './designs.js'
import {simulateFleet} from './fleet.js'
import {jobTimes, rampReaches} from './morning.js'
import {type DesignOutcome, outcomeOf} from './outcome.js'
import {scenarioFrom} from './scenario.js'
import {rounded} from './units.js'
import {herdView} from './view.js'

/** Seconds simulated, the quiet start within them, and the chart's step. */
const HORIZON = 60
const QUIET = 10
const CHART_STEP = 2

export interface HerdRun {
  readonly seed: number
  readonly horizon_s: number
  readonly quiet_s: number
  readonly chart_step_s: number
  readonly peak_jobs_per_s: number
  readonly restart_at_s: number | null
  readonly jobs: number
  /** Design C's idle request rate by the unit's arithmetic: workers ÷ (cap ÷ 2). */
  readonly backoff_text_rate_per_s: number
  /** What design A's workers ask of an empty queue: workers ÷ polling interval. */
  readonly polling_asks_per_s: number
  readonly fleet: {readonly workers: number; readonly receive_cpu_ms: number; readonly queue_cores: number; readonly budget_cores: number}
  /** When the job rate passes what design B's herds can have within the budget (budget ÷ CPU per job). */
  readonly notify_all_budget_rate: number
  readonly notify_all_budget_reached_s: number | null
  readonly answer: {
    readonly source: 'reference' | 'mine'
    readonly design: string | null
    readonly stated_idle_requests_per_s: number | null
    /** What the lab had to assume because the answer did not say it, or said it oddly. */
    readonly notes: string[]
  }
  readonly designs: DesignOutcome[]
}

export default defineLab<HerdRun>({
  async run(values, context) {
    const seed = Number(values.seed)
    const peak = Number(values['peak-jobs'])
    const restartGiven = Number(values.restart)
    const restartAt = restartGiven > 0 && restartGiven < HORIZON ? restartGiven : undefined
    const scenario = scenarioFrom(context.figures)
    const answer = readAnswer(context.document, context.quantity, scenario)
    const designs = readmeDesigns(scenario)
    if (answer.design) designs.push(answerDesign(answer.design, context.source))

    const jobs = jobTimes(seed, QUIET, HORIZON, peak)
    const queue = {workers: scenario.workers, requestCpu: scenario.receiveCpu, cores: scenario.queueCores}
    const morning = {horizon: HORIZON, quietUntil: QUIET, jobs, restartAt}
    const outcomes = designs.map((design, index) => {
      context.progress?.(`design ${design.name}`)
      const run = simulateFleet(design.waiting, design.reconnect, queue, morning, seed * 101 + index + 1)
      return outcomeOf(design, run, CHART_STEP, scenario.budgetCores)
    })
    const budgetRate = scenario.budgetCores / (scenario.workers * scenario.receiveCpu)
    const reached = rampReaches(budgetRate, QUIET, HORIZON, peak)
    return {
      seed,
      horizon_s: HORIZON,
      quiet_s: QUIET,
      chart_step_s: CHART_STEP,
      peak_jobs_per_s: peak,
      restart_at_s: restartAt ?? null,
      jobs: jobs.length,
      backoff_text_rate_per_s: rounded(scenario.workers / (scenario.backoffCap / 2)),
      polling_asks_per_s: rounded(scenario.workers / scenario.pollInterval),
      fleet: {workers: scenario.workers, receive_cpu_ms: rounded(scenario.receiveCpu * 1000), queue_cores: scenario.queueCores, budget_cores: scenario.budgetCores},
      notify_all_budget_rate: rounded(budgetRate),
      notify_all_budget_reached_s: reached < HORIZON ? rounded(reached, 3) : null,
      answer: {
        source: context.source,
        design: answer.design ? designs.at(-1)!.setting : null,
        stated_idle_requests_per_s: answer.statedIdle === undefined ? null : rounded(answer.statedIdle),
        notes: answer.notes,
      },
      designs: outcomes,
    }
  },

  view(run): LabBlock[] {
    return herdView(run)
  },
})
