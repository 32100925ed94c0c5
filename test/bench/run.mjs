// `npm run bench [suite...]`: runs the benchmark suites (all by default) against the built CLI.
// Figures are ratios to baselines measured in the same run; see each suite for its goals.
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {design} from './design.mjs'
import {grading} from './grading.mjs'
import {labs} from './labs.mjs'
import {peers} from './peers.mjs'
import {sim} from './sim.mjs'
import {startup} from './startup.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const suites = {startup, grading, design, sim, labs, peers}
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const runs = Number(process.env.BENCH_RUNS ?? 15)

for (const name of chosen.length > 0 ? chosen : Object.keys(suites)) {
  if (!suites[name]) {
    console.error(`unknown suite ${name}; choose from ${Object.keys(suites).join(', ')}`)
    process.exit(2)
  }
  // A watchdog: a suite that stops making progress (a pool that never settles) must not hang CI.
  const watchdog = setTimeout(() => {
    console.error(`suite ${name} did not finish within 10 minutes; stopping`)
    process.exit(1)
  }, 600_000)
  await suites[name]({root, runs})
  clearTimeout(watchdog)
}
// Thread pools of the peers may keep the event loop alive after they are destroyed.
process.exit(0)
