// Startup: `course --version`, `course list` (outside a workspace and inside one, which reads and
// checks the state file), the TUI's first frame and a calculator (which loads mathjs), each as a
// ratio to `node -e 0` measured in the same run. Goals: ≤ 2.0×, ≤ 3.0×, ≤ 3.0×, ≤ 4.0×, ≤ 5.0×.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {interleaved, ms, printTable, timeProcess, timeUntilOutput} from './lib.mjs'

export async function startup({root, runs}) {
  const bin = path.join(root, 'dist', 'bin.js')
  const cwd = mkdtempSync(path.join(tmpdir(), 'course-bench-'))
  const workspace = makeWorkspace(path.join(cwd, 'workspace'))
  const env = {...process.env, NO_COLOR: '1'}
  const node = process.execPath
  const results = await interleaved(
    {
      'node -e 0': () => timeProcess(node, ['-e', '0'], {cwd, env}),
      'course --version': () => timeProcess(node, [bin, '--version'], {cwd, env}),
      'course list': () => timeProcess(node, [bin, 'list'], {cwd, env}),
      'course list (workspace)': () => timeProcess(node, [bin, 'list'], {cwd: workspace, env}),
      'TUI first frame': () => timeUntilOutput(`${node} ${bin}`, 'done', {cwd, env}),
      'course calc instances': () => timeProcess(node, [bin, 'calc', 'instances', '--arrival', '1000/s', '--service', '100 ms', '--utilization', '0.7'], {cwd, env}),
    },
    runs,
  )
  const base = results['node -e 0'].median
  const goals = {'course --version': 2, 'course list': 3, 'course list (workspace)': 3, 'TUI first frame': 4, 'course calc instances': 5}
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

/**
 * A workspace with progress in a few units, every field set, as a learner's would be after a while:
 * reading the state (and checking it against its format) is part of what `course list` costs there.
 */
function makeWorkspace(dir) {
  const at = '2026-01-01T00:00:00.000Z'
  const units = {
    pillar: {hints_shown: 0, started_at: at, read_at: at},
    'load-balancer': {hints_shown: 2, started_at: at, passed_at: at, last_check: {at, status: 'pass', score: 10, max_score: 10}},
    'work-stealer': {hints_shown: 1, started_at: at, solution_opened: {at, forced: false}, last_check: {at, status: 'fail', score: 3, max_score: 10}},
  }
  mkdirSync(path.join(dir, '.course'), {recursive: true})
  writeFileSync(path.join(dir, '.course', 'state.json'), `${JSON.stringify({format_version: 1, created_at: at, units}, null, 2)}\n`)
  return dir
}
