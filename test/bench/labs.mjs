// Labs: every unit's `course run <unit> --json` with its defaults, as a learner runs it (a whole
// process: start-up, the lab, and for labs over code the sandboxed child), against `course list`
// measured in the same run. Goal (labs issue): every lab under 2 s here; the ratio says how much
// of that is the lab rather than the program starting.
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {interleaved, ms, printTable, timeProcess} from './lib.mjs'

export async function labs({root, runs}) {
  const bin = path.join(root, 'dist', 'bin.js')
  const cwd = mkdtempSync(path.join(tmpdir(), 'course-bench-'))
  const env = {...process.env, NO_COLOR: '1'}
  const node = process.execPath
  const units = readdirSync(path.join(root, 'graders')).filter((unit) => existsSync(path.join(root, 'graders', unit, 'lab', 'lab.json'))).sort()
  const rounds = Math.max(3, Math.min(7, Math.round(runs / 2)))
  const tasks = {'course list': () => timeProcess(node, [bin, 'list'], {cwd, env})}
  for (const unit of units) {
    // Each run the unit's page draws (lab.json on_site), or the defaults.
    const runs = JSON.parse(readFileSync(path.join(root, 'graders', unit, 'lab', 'lab.json'), 'utf8')).on_site ?? [{}]
    for (const flags of runs) {
      const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)])
      tasks[`run ${unit}${args.length > 0 ? ` ${args.join(' ')}` : ''}`] = () => timeProcess(node, [bin, 'run', unit, ...args, '--json'], {cwd, env})
    }
  }
  const results = await interleaved(tasks, rounds)
  const base = results['course list'].median
  printTable(
    `Labs (${rounds} runs each, interleaved; ratio = median / median of course list; goal: under 2 s)`,
    Object.entries(results).map(([name, r]) => ({
      name,
      median: ms(r.median),
      min: ms(r.min),
      max: ms(r.max),
      ratio: `${(r.median / base).toFixed(2)}×`,
      goal: name === 'course list' ? 'baseline' : '< 2000 ms',
      verdict: name === 'course list' ? '' : r.median < 2000 ? 'met' : 'MISSED',
    })),
  )
}
