/**
 * What the dashboard measures while the run goes on: the levels and counts over the window, and
 * per kind of task the totals and the times from submission to start and to completion. Kept apart
 * from the dispatcher so that what is shown can change without touching how tasks move.
 */
import {percentile, TimeSeries} from 'course/kit/driver'
import type {DashboardInput, DashboardOutput, KindTotals} from './report.js'

interface Tally {
  submitted: number
  done: number
  dead: number
  retries: number
  readonly toDone: number[]
  readonly toStart: number[]
}

export class Gauges {
  readonly stepMs: number
  private readonly waiting: TimeSeries
  private readonly running: TimeSeries
  private readonly tokens: TimeSeries
  private readonly retries: TimeSeries
  private readonly deaths: TimeSeries
  private readonly tallies: Tally[]

  constructor(private readonly input: DashboardInput) {
    this.stepMs = input.windowMs / input.steps
    const series = () => new TimeSeries(this.stepMs, input.steps)
    this.waiting = series()
    this.running = series()
    this.tokens = series()
    this.retries = series()
    this.deaths = series()
    this.tallies = input.kinds.map(() => ({submitted: 0, done: 0, dead: 0, retries: 0, toDone: [], toStart: []}))
  }

  /** A TimeSeries counts anything after its last step into that step; the drain after the window must not pile up there. */
  private inWindow(now: number): boolean {
    return now < this.input.windowMs
  }

  submitted(kind: number): void {
    this.tallies[kind]!.submitted++
  }

  firstStart(kind: number, waitedMs: number): void {
    this.tallies[kind]!.toStart.push(waitedMs)
  }

  done(kind: number, tookMs: number): void {
    this.tallies[kind]!.done++
    this.tallies[kind]!.toDone.push(tookMs)
  }

  retried(kind: number, now: number): void {
    this.tallies[kind]!.retries++
    if (this.inWindow(now)) this.retries.add(now)
  }

  died(kind: number, now: number): void {
    this.tallies[kind]!.dead++
    if (this.inWindow(now)) this.deaths.add(now)
  }

  sample(now: number, levels: {waiting: number; running: number; tokens: number}): void {
    this.waiting.set(now, levels.waiting)
    this.running.set(now, levels.running)
    this.tokens.set(now, levels.tokens)
  }

  /** The series (up to `steps` of them: a run that stopped has none after the stop) and the totals. */
  summary(steps: number): Pick<DashboardOutput, 'series' | 'kinds' | 'all'> {
    let dead = 0
    const cumulative = this.deaths.totals().map((n) => (dead += n))
    const cut = (values: number[]) => values.slice(0, steps)
    return {
      series: {
        waiting: cut(this.waiting.levels()),
        inFlight: cut(this.running.levels()),
        tokens: cut(this.tokens.levels().map((t) => Math.round(t * 10) / 10)),
        retries: cut(this.retries.totals()),
        deadLetters: cut(cumulative),
      },
      kinds: this.input.kinds.map((kind, i) => totals(kind.name, kind.priority, kind.targetMs, [this.tallies[i]!])),
      all: totals('all', -1, 0, this.tallies),
    }
  }
}

function totals(name: string, priority: number, targetMs: number, tallies: readonly Tally[]): KindTotals {
  const sum = (pick: (t: Tally) => number) => tallies.reduce((total, t) => total + pick(t), 0)
  const quantile = (values: number[], p: number) => (values.length === 0 ? null : Math.round(percentile(values, p)))
  const toDone = tallies.flatMap((t) => t.toDone)
  const submitted = sum((t) => t.submitted)
  const done = sum((t) => t.done)
  const dead = sum((t) => t.dead)
  return {
    name,
    priority,
    submitted,
    done,
    dead,
    unfinished: submitted - done - dead,
    retries: sum((t) => t.retries),
    p50Ms: quantile(toDone, 50),
    p99Ms: quantile(toDone, 99),
    p99StartMs: quantile(
      tallies.flatMap((t) => t.toStart),
      99,
    ),
    targetMs,
  }
}
