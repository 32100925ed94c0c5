// Startup: `course --version`, `course list` and the TUI's first frame, each as a ratio to
// `node -e 0` measured in the same run. Goals (issue: foundation): ≤ 2.0×, ≤ 3.0×, ≤ 4.0×.
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {interleaved, ms, printTable, timeProcess, timeUntilOutput} from './lib.mjs'

export async function startup({root, runs}) {
  const bin = path.join(root, 'dist', 'bin.js')
  const cwd = mkdtempSync(path.join(tmpdir(), 'course-bench-'))
  const env = {...process.env, NO_COLOR: '1'}
  const node = process.execPath
  const results = await interleaved(
    {
      'node -e 0': () => timeProcess(node, ['-e', '0'], {cwd, env}),
      'course --version': () => timeProcess(node, [bin, '--version'], {cwd, env}),
      'course list': () => timeProcess(node, [bin, 'list'], {cwd, env}),
      'TUI first frame': () => timeUntilOutput(`${node} ${bin}`, 'done', {cwd, env}),
    },
    runs,
  )
  const base = results['node -e 0'].median
  const goals = {'course --version': 2, 'course list': 3, 'TUI first frame': 4}
  printTable(
    `Startup (${runs} runs each, interleaved; ratio = median / median of node -e 0)`,
    Object.entries(results).map(([name, r]) => {
      const ratio = r.median / base
      const goal = goals[name]
      return {
        name,
        median: ms(r.median),
        min: ms(r.min),
        max: ms(r.max),
        ratio: `${ratio.toFixed(2)}×`,
        goal: goal ? `≤ ${goal.toFixed(1)}×` : 'baseline',
        verdict: goal ? (ratio <= goal ? 'met' : 'MISSED') : '',
      }
    }),
  )
  return Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.median / base]))
}
