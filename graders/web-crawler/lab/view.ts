/**
 * How the web-crawler lab's day reads: the crawl's pace and backlog over the day, then the design's
 * pool beside the two that cannot keep up, with a line on why each falls behind. Sized for 80
 * columns and about 22 lines.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {PoolRun, WebCrawlerDay} from './result.js'

const POOL_NAMES: Record<PoolRun['sizing'], string> = {
  'as-designed': 'as designed',
  'workers-flag': '--workers',
  'busy-slots': 'busy slots rounded up',
  'few-hosts': 'too few hosts',
}

/** A share of the target, to a tenth of a percent; a day that leaves under a thousandth undone reads as all of it. */
function share(value: number): string {
  return value >= 0.999 ? '100 %' : `${(Math.floor(value * 1000) / 10).toFixed(1)} %`
}

/** A pool's name in a chart's margin: what sets it apart from the design's. */
function shortName(pool: PoolRun): string {
  if (pool.sizing === 'few-hosts') return `${figure(pool.hosts)} hosts`
  return pool.sizing === 'as-designed' ? 'as designed' : `${pool.workers} workers`
}

function verdict(pool: PoolRun): {text: string; tone: Tone} {
  return pool.keeps_pace ? {text: 'keeps pace', tone: 'good'} : {text: 'falls behind', tone: 'bad'}
}

function poolTable(run: WebCrawlerDay): LabBlock {
  return {
    kind: 'table',
    columns: [
      {header: 'pool'},
      {header: 'workers', align: 'right'},
      {header: 'hosts', align: 'right'},
      {header: 'ρ', align: 'right'},
      {header: 'busy', align: 'right'},
      {header: 'done', align: 'right'},
      {header: 'behind', align: 'right'},
      {header: 'verdict'},
    ],
    rows: run.pools.map((pool) => {
      const {text, tone} = verdict(pool)
      return {
        cells: [POOL_NAMES[pool.sizing], String(pool.workers), figure(pool.hosts), pool.planned_utilisation.toFixed(2), pool.utilisation.toFixed(2), share(pool.reached_share), figure(pool.behind_at_end), text],
        tones: [undefined, undefined, pool.hosts < run.scenario.hosts_needed ? 'bad' : undefined, pool.planned_utilisation > 0.8 ? 'bad' : undefined, undefined, pool.keeps_pace ? undefined : 'bad', pool.behind_at_end > 0 ? 'bad' : undefined, tone],
      }
    }),
  }
}

/** Why the pools that fall behind do: hosts too few for the delay, failures never retried, or a pool with no slack. */
function reasons(run: WebCrawlerDay): LabBlock[] {
  const lines: LabBlock[] = []
  const s = run.scenario
  for (const pool of run.pools) {
    if (pool.keeps_pace) continue
    if (pool.hosts < s.hosts_needed) {
      const pace = pool.hosts / s.host_delay_s
      lines.push({kind: 'text', text: `${figure(pool.hosts)} hosts, one request each per ${figure(s.host_delay_s)} s, allow ${figure(pace, 3)} pages/s of the ${figure(s.pages_per_second, 4)} needed.`})
    } else if (pool.failed_for_good > pool.behind_at_end) {
      lines.push({kind: 'text', text: `${figure(pool.failed_for_good)} pages failed and were not fetched again: no retry left for their failure.`})
    } else {
      lines.push({kind: 'text', text: `At ρ ${pool.planned_utilisation.toFixed(2)}, ${pool.workers} workers cannot absorb retries or an outage: ${figure(pool.behind_at_end)} pages undone.`})
    }
  }
  return lines
}

export function crawlView(run: WebCrawlerDay): LabBlock[] {
  const own = run.pools[0]!
  const whose = run.source === 'mine' ? 'Your design' : 'The reference design'
  const outage = run.model.outage
  const disturbance = outage ? `one machine lost from ${figure(outage.from_h)}:00 for ${figure(outage.hours)} h` : 'no machine lost'
  return [
    {kind: 'title', text: `${whose}: ${own.workers} fetch workers on ${own.machines} machines, one simulated day, seed ${run.seed}`},
    ...(own.stopped_early ? [{kind: 'text', text: "The day stopped early: the design's figures ask for more events than the simulation runs."} as const] : []),
    ...(run.assumed.length > 0 ? [{kind: 'text', text: `Where the design is silent or odd, the day runs with: ${run.assumed.join('; ')}.`} as const] : []),
    {kind: 'text', text: `Target ${figure(run.scenario.pages_per_day)} pages/day (${figure(run.scenario.pages_per_second, 4)} pages/s); ${disturbance}.`},
    {
      kind: 'series',
      title: `Pages behind the target's pace over the day, per ${run.day.step_min} min`,
      xUnit: 'h',
      x: run.day.hours,
      lines: run.pools.map((pool, i) => ({label: shortName(pool), values: run.behind[i] ?? [], tone: pool.keeps_pace ? 'good' : 'bad'})),
    },
    poolTable(run),
    {kind: 'text', text: 'ρ: as planned (pages/s × fetch time ÷ workers); busy: as simulated.'},
    ...reasons(run),
  ]
}
