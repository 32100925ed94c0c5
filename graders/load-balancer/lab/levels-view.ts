/**
 * What the levels experiment shows: per strategy the efficiency it reached at each target, how busy
 * the servers were and how often the cache helped, beside the lesson's range and a verdict; then,
 * in plain words, where the ranges held and where they did not.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {LevelRow, LevelsResult, Verdict} from './levels-result.js'
import {failureLine} from './outcomes.js'

/** A sentence as one text block: the course wraps it to the terminal, the site shows it as a paragraph. */
const sentence = (text: string): LabBlock => ({kind: 'text', text})

const duration = (ms: number): string => (ms >= 1000 ? `${figure(ms / 1000, 3)} s` : `${figure(ms, 3)} ms`)

/** An efficiency as read: a decimal only where it matters, and a floor where nothing met the target. */
function efficiency(percent: number, resolution: number): string {
  if (percent === 0) return `< ${figure(resolution, 2)} %`
  // Near the top a rounded 100 % would claim a fleet with no slack at all.
  if (percent >= 99) return `${figure(percent, 3)} %`
  return `${percent < 10 ? figure(percent, 2) : Math.round(percent)} %`
}

const VERDICT_TONE: Record<Verdict, Tone> = {within: 'good', below: 'warn', above: 'warn'}

const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.join(', '))

function rowCells(row: LevelRow, run: LevelsResult): {cells: string[]; tones: Array<Tone | undefined>} {
  const range = `${row.lesson_range_percent[0]}–${row.lesson_range_percent[1]} %`
  if (!row.ok) return {cells: [String(row.level), row.label, '—', '—', '—', '—', range, 'did not run'], tones: [undefined, undefined, 'dim', 'dim', 'dim', 'dim', 'dim', 'bad']}
  const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value)} %`)
  return {
    cells: [String(row.level), row.label, ...row.efficiency_percent.map((p) => efficiency(p, run.resolution_percent)), percent(row.busy_percent), percent(row.hit_rate_percent), range, row.verdict],
    tones: [undefined, undefined, VERDICT_TONE[row.verdict], undefined, undefined, undefined, undefined, VERDICT_TONE[row.verdict]],
  }
}

function verdictSentence(run: LevelsResult): string {
  const s = run.summary
  const at = `At ${duration(run.targets_ms[0] ?? 0)}`
  const groups = ([['within', s.within], ['below', s.below], ['above', s.above]] as const).filter(([, names]) => names.length > 0)
  if (groups.length === 0) return `${at}, nothing was measured.`
  if (groups.length === 1) return `${at}, every strategy measured ${groups[0]![0]} its level's range in the lesson.`
  return `${at}, ${groups.map(([verdict, names]) => `${verdict} the lesson's range: ${list(names)}`).join('; ')}.`
}

/** Whether each level's best strategy beat the best of every lower level, as the lesson ranks them. */
function orderSentence(run: LevelsResult): string {
  const worst = new Map<number, LevelsResult['summary']['out_of_order'][number]>()
  // For each level out of order, the lower level that beat it by most.
  for (const o of run.summary.out_of_order) if ((worst.get(o.higher)?.lower_percent ?? -1) < o.lower_percent) worst.set(o.higher, o)
  if (worst.size === 0) return "The lesson's order holds: each level's best strategy did at least as well as every lower level's."
  const pairs = [...worst.values()].map((o) => `level ${o.higher} (${efficiency(o.higher_percent, run.resolution_percent)}) is below level ${o.lower} (${efficiency(o.lower_percent, run.resolution_percent)})`)
  return `Out of the lesson's order: ${pairs.join('; ')}.`
}

/** The lesson warns that a tight target widens the gap between levels: whether it did here. */
function spreadSentence(run: LevelsResult): string {
  const measured = run.rows.filter((r): r is Extract<LevelRow, {ok: true}> => r.ok)
  if (measured.length < 2) return ''
  const spread = (target: number) => {
    const values = measured.map((r) => r.efficiency_percent[target]!)
    return {low: Math.min(...values), high: Math.max(...values)}
  }
  const [loose, tight] = [spread(0), spread(1)]
  const range = (s: {low: number; high: number}) => `${efficiency(s.low, run.resolution_percent)} to ${efficiency(s.high, run.resolution_percent)}`
  const wider = tight.high - tight.low > loose.high - loose.low
  return `At ${duration(run.targets_ms[1] ?? 0)} the strategies span ${range(tight)}, against ${range(loose)} at ${duration(run.targets_ms[0] ?? 0)}: ${wider ? 'a wider gap, as the lesson warns for tight targets' : 'no wider a gap than at the looser target'}.`
}

export function levelsView(run: LevelsResult): LabBlock[] {
  const [main = 0, tight = 0] = run.targets_ms
  const blocks: LabBlock[] = [
    {kind: 'title', text: `${run.code === 'mine' ? 'Your code: f' : 'F'}our levels, ${run.servers} identical servers, p99 wait ≤ ${duration(main)} / ≤ ${duration(tight)}, seed ${run.seed}`},
    {kind: 'text', text: `Mean cost ${duration(run.mean_cost_ms)} (exponential) · ${figure(run.users)} users · cache ${run.cached_users_per_server} per server · ${run.miss_cost_ms > 0 ? `miss +${duration(run.miss_cost_ms)}` : 'misses cost nothing'}`},
    {
      kind: 'table',
      columns: [
        {header: 'level'},
        {header: 'strategy'},
        {header: `@ ${duration(main)}`, align: 'right'},
        {header: `@ ${duration(tight)}`, align: 'right'},
        {header: 'busy', align: 'right'},
        {header: 'hits', align: 'right'},
        {header: 'lesson', align: 'right'},
        {header: 'verdict'},
      ],
      rows: run.rows.map((row) => rowCells(row, run)),
    },
  ]
  for (const row of run.rows) if (!row.ok) blocks.push(sentence(failureLine(run.code, row.label, {error: row.error, byCode: row.error_from_code})))
  blocks.push(sentence(verdictSentence(run)))
  blocks.push(sentence(orderSentence(run)))
  blocks.push(sentence(spreadSentence(run)))
  blocks.push(
    sentence(
      `* the course's own. Level 4 sends a request to its user's home server while that server's queue is under half the target, otherwise to the server with the fewest requests.`,
    ),
  )
  blocks.push(sentence(`Efficiency: the requests' own work over capacity at the highest rate that met the target (bisection, ±${figure(run.resolution_percent, 2)} %). Busy adds the loading after misses.`))
  blocks.push(
    sentence(
      run.miss_cost_ms > 0
        ? "With --miss-cost 0 there is no cache, as in the lesson's worked example (random choice 59 %, one shared queue 99 % at 1 s)."
        : "No cache here, as in the lesson's worked example: random choice 59 %, one shared queue 99 % at 1 s.",
    ),
  )
  return blocks
}
