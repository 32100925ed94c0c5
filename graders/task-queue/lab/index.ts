/**
 * The task queue's lab (`course run task-queue`): a monitoring dashboard over simulated time. The
 * shop's traffic, with two sale bursts, runs through the queue, token bucket and backoff of the
 * reference (or, with `--mine`, the learner's), on a fixed pool of workers; the view shows what
 * an operator would watch and how each priority fared against its target.
 */
import {defineLab} from 'course/kit/lab'
import {readDashboard, type TaskQueueRun} from './result.js'
import {BACKOFF, BURST_FACTOR, POISON_PER_MILLE, RATE_PER_SECOND, scenario} from './scenario.js'
import {taskQueueView} from './view.js'

export type {TaskQueueRun} from './result.js'

export default defineLab<TaskQueueRun>({
  async run(values, context) {
    const chosen = {
      seed: Number(values.seed),
      workers: Number(values.workers),
      failurePercent: Number(values['failure-rate']),
      maxRetries: Number(values['max-retries']),
      windowS: Number(values.duration),
      rateLimit: Number(values['rate-limit']),
      burst: Number(values.burst),
    }
    const input = scenario(chosen)
    const run = {
      source: context.source,
      seed: chosen.seed,
      workers: chosen.workers,
      window_s: input.windowMs / 1000,
      rate_per_s: RATE_PER_SECOND,
      burst_factor: BURST_FACTOR,
      bursts_s: input.bursts.map((b) => [b.fromMs / 1000, (b.fromMs + b.lengthMs) / 1000] as const),
      failure_percent: chosen.failurePercent,
      poison_per_mille: POISON_PER_MILLE,
      max_retries: chosen.maxRetries,
      backoff: {base_ms: BACKOFF.baseMs, factor: BACKOFF.factor, max_ms: BACKOFF.maxMs, jitter: BACKOFF.jitter},
      bucket: {capacity: chosen.burst, refill_per_s: chosen.rateLimit},
    }
    if (!context.runCode) return {...run, dashboard: null, error: 'the course gave this lab no way to run code'}
    context.progress?.(`simulating ${input.windowMs / 1000} s of traffic`)
    const [outcome] = await context.runCode([input])
    if (!outcome) return {...run, dashboard: null, error: 'the driver gave no answer'}
    if (!outcome.ok) return {...run, dashboard: null, error: outcome.error}
    const dashboard = readDashboard(outcome.output)
    return dashboard ? {...run, dashboard, error: null} : {...run, dashboard: null, error: 'the driver answered something that is not a dashboard'}
  },
  view: taskQueueView,
})
