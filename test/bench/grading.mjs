// Grading throughput: N copies of the reference load-balancer graded with `course grade --jobs 2`,
// as submissions per second and as a ratio to the rate at which this machine spawns and finishes
// `node -e 0` two at a time (the ceiling for one fresh process per submission is below that).
// Goal (grading issue): at least 20 submissions/s on 2 cores.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {makeClass, median, printTable, timeProcess} from './lib.mjs'

async function spawnRate(count, jobs) {
  const started = performance.now()
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await timeProcess(process.execPath, ['-e', '0'])
    }
  }
  await Promise.all(Array.from({length: jobs}, worker))
  return count / ((performance.now() - started) / 1000)
}

export async function grading({root, runs}) {
  const count = Number(process.env.BENCH_SUBMISSIONS ?? 40)
  const rounds = Math.max(3, Math.min(5, Math.round(runs / 3)))
  const work = mkdtempSync(path.join(tmpdir(), 'course-bench-grading-'))
  const classDir = path.join(work, 'class')
  makeClass(classDir, root, 'load-balancer', 'load-balancer.ts', count)
  const bin = path.join(root, 'dist', 'bin.js')
  const env = {...process.env, NO_COLOR: '1', CI: '1', COURSE_GRADER_SECRET: 'bench'}
  const graded = []
  const spawned = []
  for (let r = 0; r < rounds; r++) {
    spawned.push(await spawnRate(count, 2))
    const out = path.join(work, `out-${r}`)
    const ms = await timeProcess(process.execPath, [bin, 'grade', classDir, '--unit', 'load-balancer', '--jobs', '2', '--format', 'json', '--out', out], {env})
    graded.push(count / (ms / 1000))
    rmSync(out, {recursive: true, force: true})
  }
  rmSync(work, {recursive: true, force: true})
  const rate = median(graded)
  const ceiling = median(spawned)
  printTable(`Grading throughput (${count} reference load-balancer submissions, --jobs 2, ${rounds} rounds, whole command timed)`, [
    {name: 'node -e 0, two at a time', median: `${ceiling.toFixed(1)}/s`, min: `${Math.min(...spawned).toFixed(1)}/s`, max: `${Math.max(...spawned).toFixed(1)}/s`, ratio: '1.00×', goal: 'baseline'},
    {
      name: 'course grade --jobs 2',
      median: `${rate.toFixed(1)}/s`,
      min: `${Math.min(...graded).toFixed(1)}/s`,
      max: `${Math.max(...graded).toFixed(1)}/s`,
      ratio: `${(rate / ceiling).toFixed(2)}×`,
      goal: '≥ 20/s',
      verdict: rate >= 20 ? 'met' : 'MISSED',
    },
  ])
  return {rate, ceiling}
}
