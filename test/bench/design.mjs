// Design grading throughput: N copies of the reference video-pipeline design graded with
// `course grade` (data-only checks, no sandbox). Goal (design issue): at least 500 design
// submissions per second on 2 cores. Reported as submissions per second, and as a ratio to the
// rate of a trivial per-submission task measured in the same run (reading and writing one file
// per learner), so the figure travels between machines.
//
// Each design's fleet is also run through a simulated day (the sla-simulated case), which is
// remembered per distinct plan: copies of one design pay for one day. A second class of designs
// that all differ (each its own fleet size) measures the rate when every design needs its own day.
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {makeClass, median, printTable, timeProcess} from './lib.mjs'

function copyTask(classDir, out) {
  const started = performance.now()
  mkdirSync(out, {recursive: true})
  for (const learner of readdirSync(classDir)) {
    const text = readFileSync(path.join(classDir, learner, 'video-pipeline', 'design.yaml'))
    writeFileSync(path.join(out, `${learner}.yaml`), text)
  }
  return performance.now() - started
}

export async function design({root, runs}) {
  const count = Number(process.env.BENCH_DESIGNS ?? 2000)
  const rounds = Math.max(3, Math.min(5, Math.round(runs / 3)))
  const work = mkdtempSync(path.join(tmpdir(), 'course-bench-design-'))
  const classDir = path.join(work, 'class')
  makeClass(classDir, root, 'video-pipeline', 'design.yaml', count)
  const bin = path.join(root, 'dist', 'bin.js')
  const env = {...process.env, NO_COLOR: '1', CI: '1', COURSE_GRADER_SECRET: 'bench'}
  const rates = []
  const copies = []
  for (let r = 0; r < rounds; r++) {
    copies.push(count / (copyTask(classDir, path.join(work, `copy-${r}`)) / 1000))
    const out = path.join(work, `out-${r}`)
    const ms = await timeProcess(process.execPath, [bin, 'grade', classDir, '--unit', 'video-pipeline', '--jobs', '2', '--format', 'csv', '--out', out], {env})
    rates.push(count / (ms / 1000))
    rmSync(out, {recursive: true, force: true})
  }
  // Every design distinct: the reference with its own instance count each.
  const distinctCount = Math.min(count, Number(process.env.BENCH_DISTINCT_DESIGNS ?? 200))
  const distinctDir = path.join(work, 'distinct')
  makeClass(distinctDir, root, 'video-pipeline', 'design.yaml', distinctCount)
  readdirSync(distinctDir).forEach((learner, i) => {
    const file = path.join(distinctDir, learner, 'video-pipeline', 'design.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('instances: "84 instances"', `instances: "${84 + i} instances"`))
  })
  const distinct = []
  for (let r = 0; r < rounds; r++) {
    const out = path.join(work, `distinct-out-${r}`)
    const ms = await timeProcess(process.execPath, [bin, 'grade', distinctDir, '--unit', 'video-pipeline', '--jobs', '2', '--format', 'csv', '--out', out], {env})
    distinct.push(distinctCount / (ms / 1000))
    rmSync(out, {recursive: true, force: true})
  }
  rmSync(work, {recursive: true, force: true})
  const rate = median(rates)
  const copy = median(copies)
  const distinctRate = median(distinct)
  printTable(`Design grading (${count} reference video-pipeline designs, --jobs 2, ${rounds} rounds, whole command timed)`, [
    {name: 'read + write one file per learner', median: `${copy.toFixed(0)}/s`, min: `${Math.min(...copies).toFixed(0)}/s`, max: `${Math.max(...copies).toFixed(0)}/s`, ratio: '1.00×', goal: 'baseline'},
    {name: 'course grade (design)', median: `${rate.toFixed(0)}/s`, min: `${Math.min(...rates).toFixed(0)}/s`, max: `${Math.max(...rates).toFixed(0)}/s`, ratio: `${(rate / copy).toFixed(3)}×`, goal: '≥ 500/s', verdict: rate >= 500 ? 'met' : 'MISSED'},
    {name: `course grade, ${distinctCount} distinct designs`, median: `${distinctRate.toFixed(0)}/s`, min: `${Math.min(...distinct).toFixed(0)}/s`, max: `${Math.max(...distinct).toFixed(0)}/s`, ratio: `${(distinctRate / copy).toFixed(3)}×`, goal: 'reported'},
  ])
  return {rate}
}
