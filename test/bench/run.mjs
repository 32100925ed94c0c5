// `npm run bench [suite...]`: runs the benchmark suites (all by default) against the built CLI.
// Figures are ratios to baselines measured in the same run; see each suite for its goals.
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {design} from './design.mjs'
import {grading} from './grading.mjs'
import {startup} from './startup.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const suites = {startup, grading, design}
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const runs = Number(process.env.BENCH_RUNS ?? 15)

for (const name of chosen.length > 0 ? chosen : Object.keys(suites)) {
  if (!suites[name]) {
    console.error(`unknown suite ${name}; choose from ${Object.keys(suites).join(', ')}`)
    process.exit(2)
  }
  await suites[name]({root, runs})
}
