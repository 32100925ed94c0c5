// `npm run mutate [-- unit... | --all] [--learners N] [--out FILE]`: the mutation report of the
// graders, run against the built CLI like the benchmarks. Each unit's reference is mutated by
// StrykerJS and every mutant graded (`course dev mutate`); this prints the per-unit scores against
// the targets of the course (95 % for the load balancer and the task queue, 90 % for the rest)
// and exits 1 when one is missed. It takes minutes, so it is not part of `npm test`.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const STRICT = new Set(['load-balancer', 'task-queue'])
const target = (unit) => (STRICT.has(unit) ? 0.95 : 0.9)

const args = process.argv.slice(2)
const take = (flag) => {
  const at = args.indexOf(flag)
  if (at < 0) return undefined
  const [, value] = args.splice(at, 2)
  return value
}
const out = take('--out')
const learners = take('--learners') ?? '3'
const units = args.filter((a) => !a.startsWith('-'))
const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-mutation-')), 'mutation.json')

const started = performance.now()
const run = spawnSync(process.execPath, [path.join(root, 'dist', 'bin.js'), 'dev', 'mutate', ...(units.length > 0 ? units : ['--all']), '--learners', learners, '--json', '--report', report], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (run.status !== 0) {
  console.error(`course dev mutate failed (exit ${run.status})`)
  process.exit(run.status ?? 1)
}
const json = JSON.parse(readFileSync(report, 'utf8'))
const reports = json.units ?? [json]
const pct = (x) => `${(Math.floor(x * 1000) / 10).toFixed(1)} %`
console.log(`| unit | mutants | killed | survived | equivalent | score | target | time |`)
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`)
let missed = 0
for (const r of reports) {
  const met = r.score >= target(r.unit)
  if (!met) missed++
  console.log(`| ${r.unit} | ${r.total} | ${r.killed} | ${r.survived} | ${r.equivalent} | ${pct(r.score)} ${met ? '✓' : '✗'} | ${pct(target(r.unit))} | ${Math.round(r.wall_ms / 1000)} s |`)
}
console.log(`\n${reports.length} unit(s), ${learners} learner ids each, ${Math.round((performance.now() - started) / 1000)} s; full report: ${out ?? report}`)
if (out) writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`)
process.exit(missed > 0 ? 1 : 0)
