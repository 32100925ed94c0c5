// Work distribution on real threads against the peers a Node user would pick: course's three
// strategies, piscina (one FIFO queue, least-busy worker) and poolifier (as it comes, and with
// per-worker task queues and task stealing enabled), on the same adversarial task list: Pareto (α = 1.5) costs sorted
// ascending. Each figure is makespan / lower bound, the bound max(ΣT/P, max T) of the durations
// asked for, measured in the same run. Goals (work-stealing issue): work stealing within 10 % of
// the bound, at least 1.5× better than static blocks, and no worse than either peer.
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {median, printTable} from './lib.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

async function timePool(run, durations) {
  const started = performance.now()
  await Promise.all(durations.map((d) => run(d)))
  return performance.now() - started
}

export async function peers({root, runs}) {
  const {runStrategies} = await import(path.join(root, 'dist', 'labs', 'work-stealer', 'bench.entry.js'))
  const {generateWorkload} = await import(path.join(root, 'dist', 'labs', 'work-stealer', 'bench.entry.js'))
  const {Piscina} = await import('piscina')
  const {FixedThreadPool} = await import('poolifier')
  const workers = Number(process.env.BENCH_WORKERS ?? 2)
  const tasks = Number(process.env.BENCH_TASKS ?? 400)
  const grain = 0.5
  const rounds = Math.max(3, Math.min(7, Math.round(runs / 2)))
  const durations = generateWorkload({tasks, distribution: 'pareto', order: 'asc', seed: 7}).map((c) => c * grain)
  const bound = Math.max(durations.reduce((a, b) => a + b, 0) / workers, Math.max(...durations))

  const piscina = new Piscina({filename: path.join(here, 'peer-piscina-worker.mjs'), minThreads: workers, maxThreads: workers, idleTimeout: 60_000})
  // poolifier twice: as it comes, and with per-worker task queues (its work-stealing mode).
  const poolifier = new FixedThreadPool(workers, path.join(here, 'peer-poolifier-worker.mjs'))
  const stealing = new FixedThreadPool(workers, path.join(here, 'peer-poolifier-worker.mjs'), {enableTasksQueue: true})
  const pools = {piscina: (d) => piscina.run(d), poolifier: (d) => poolifier.execute(d), 'poolifier-queues': (d) => stealing.execute(d)}
  for (const run of Object.values(pools)) await timePool(run, durations.map(() => 0.05))

  const samples = {static: [], 'shared-queue': [], 'work-stealing': [], piscina: [], poolifier: [], 'poolifier-queues': []}
  for (let r = 0; r < rounds; r++) {
    for (const result of await runStrategies({durations, workers})) samples[result.strategy].push(result.makespan / bound)
    for (const [name, run] of Object.entries(pools)) samples[name].push((await timePool(run, durations)) / bound)
  }
  await piscina.destroy()
  await poolifier.destroy()
  await stealing.destroy()

  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  const ws = m['work-stealing']
  const verdicts = {
    'work-stealing': ws <= 1.1 && m.static / ws >= 1.5 && ws <= Math.min(m.piscina, m.poolifier, m['poolifier-queues']) ? 'met' : 'MISSED',
  }
  const goals = {'work-stealing': '≤ 1.10, ≥ 1.5× static, ≤ peers'}
  printTable(
    `Work distribution on ${workers} threads: ${tasks} Pareto tasks sorted ascending, ${grain} ms a unit (${rounds} rounds; ratio = makespan / lower bound)`,
    Object.entries(samples).map(([name, values]) => ({
      name: {static: 'course: static blocks', 'shared-queue': 'course: shared queue', 'work-stealing': 'course: work stealing', piscina: 'piscina', poolifier: 'poolifier', 'poolifier-queues': 'poolifier, task queues + stealing'}[name],
      median: `${median(values).toFixed(3)}×`,
      min: `${Math.min(...values).toFixed(3)}×`,
      max: `${Math.max(...values).toFixed(3)}×`,
      ratio: name === 'work-stealing' ? `${(m.static / ws).toFixed(2)}× static` : '',
      goal: goals[name] ?? '',
      verdict: verdicts[name] ?? '',
    })),
  )
  return m
}
