import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

/** A plan's output as the command printed it before plans were read from the units' folders. */
const earlierOutput = (file: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'plans', file), 'utf8')

const json = (args: string[]) => {
  const run = runCli(['calc', ...args, '--json'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout)
}

describe('course calc', () => {
  it('sizes by the utilisation formula with its working', () => {
    expect(json(['instances', '--arrival', '1000/s', '--service', '100 ms', '--utilization', '0.7']).results).toMatchObject({offered_load: 100, instances: 143})
    const text = runCli(['calc', 'instances', '--arrival', '1000 req/s', '--service', '0.1 s', '--utilization', '70%']).stdout
    expect(text).toContain('n = ⌈a / ρ⌉')
    expect(text).toContain('⌈100 / 0.7⌉ = ⌈142.857⌉')
    expect(text).toContain('143 instances')
  })

  it('gives Erlang C figures for a number of servers and the fewest servers for a target', () => {
    const at118 = json(['erlang', '--arrival', '60000/min', '--service', '100 ms', '--servers', '118']).results
    expect(at118.probability_of_waiting).toBeCloseTo(0.0516, 4)
    expect(at118.mean_wait_ms).toBeCloseTo(0.29, 2)
    expect(at118.p99_wait_ms).toBeCloseTo(9.11, 2)
    expect(json(['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'p99 < 10 ms']).results).toMatchObject({servers: 118, naive_servers: 143})
  })

  it("applies Little's law in every direction", () => {
    expect(json(['little', '--arrival', '416.7/hour', '--W', '20 min']).results.L).toBeCloseTo(138.9, 1)
    expect(json(['little', '--L', '138.9', '--W', '20 min']).results.arrival_per_s * 3600).toBeCloseTo(416.7, 1)
  })

  it('sizes sketches', () => {
    expect(json(['bloom', '--items', '1e8', '--fpr', '0.1%']).results).toMatchObject({bits: 1_437_758_757, hashes: 10})
    expect(json(['hll', '--registers', '16384']).results.standard_error).toBeCloseTo(0.008125, 6)
    expect(json(['cms', '--epsilon', '0.001', '--delta', '0.01']).results).toMatchObject({width: 2719, depth: 5})
    expect(json(['eval', '10000 videos/day * 20 min']).results.number).toBeCloseTo(138.89, 2)
  })

  it('shows the video plan with the common 63 instances beside the corrected 42 and where they part', () => {
    const plan = json(['plan', 'video-pipeline'])
    expect(plan.parts_at).toBe('jobs')
    expect(plan.rows.find((r: {name: string}) => r.name === 'instances').values.map((v: {value: number}) => v.value)).toEqual([63, 42])
    const text = runCli(['calc', 'plan', 'video-pipeline']).stdout
    expect(text).toMatch(/videos in progress ◀ +208\.3 +138\.9/)
    expect(text).toMatch(/instances +63 +42/)
  })

  it("prints both units' plans as it did before they moved into the units' folders", () => {
    expect(runCli(['calc', 'plan', 'video-pipeline']).stdout).toBe(earlierOutput('video-pipeline.txt'))
    expect(json(['plan', 'web-crawler'])).toEqual(JSON.parse(earlierOutput('web-crawler.json')))
  })

  it('names the units with a plan when a unit is unknown or has none', () => {
    for (const [unit, message] of [['nothing', /there is no plan `nothing`/], ['pillar', /the unit `pillar` has no plan/]] as const) {
      const run = runCli(['calc', 'plan', unit])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).toMatch(/Units with a plan: (.*, )?video-pipeline, (.*, )?web-crawler\b/)
    }
  })

  it('words an error about several fields with their flags and an example', () => {
    const run = runCli(['calc', 'hll'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give exactly one of --registers and --error')
    expect(run.stderr).toContain('For example `course calc hll --registers 16384`.')
  })

  it.each([
    [['instances', '--arrival', 'banana', '--service', '1 s'], /--arrival "banana": `banana` does not start with a number/],
    [['instances', '--arrival', '1000/s', '--service', '100 ms', '--utilization', '1.5'], /a utilisation lies between 0 and 1/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'p99 < 0 ms'], /--target must be greater than zero/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'fast please'], /cannot read the target/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', '0.2'], /--target "0\.2": `0\.2` has no unit; a wait target keeps a wait under a duration, such as `p99 < 0\.2 s` or `p99 < 0\.2 ms`/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'p99 < 0.2'], /--target "p99 < 0\.2": `0\.2` has no unit; a wait is a duration, such as `p99 < 0\.2 s` or `p99 < 0\.2 ms`/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'mean < 5'], /`mean < 5 s` or `mean < 5 ms`/],
    [['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', '200 ms'], /say which wait must stay under 200 ms, such as `p99 < 200 ms`/],
    [['little', '--L', '3'], /exactly two of --L, --arrival and --W/],
    [['plan', 'video-pipeline', '--set', 'proccessing_time=1 min'], /did you mean `processing_time`/],
    [['eval', 'import("x")'], /the function `import` is not allowed/],
  ])('refuses bad input with a clear message and exit 2: %j', (args, message) => {
    const run = runCli(['calc', ...args])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it.each([
    ['more Erlangs than servers', ['--servers', '90'], /90 servers cannot keep up: the offered load is 100 Erlangs \(1,000 \/s × 0\.1 s\), so 90 servers would be 111 % busy/, /Use at least 101 servers/],
    ['as many Erlangs as servers', ['--servers', '100'], /100 servers cannot keep up: the offered load is 100 Erlangs/, /Use at least 101 servers/],
  ])('explains an unstable system (%s) and exits 1, not as a usage error', (_, args, message, next) => {
    const run = runCli(['calc', 'erlang', '--arrival', '1000/s', '--service', '100 ms', ...args])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toMatch(next)
    expect(run.stderr).toContain('give a wait target instead')
    expect(run.stdout).toBe('')
  })

  it('reports an unstable system under --json with its code and exit 1', () => {
    const run = runCli(['calc', 'erlang', '--arrival', '1000/s', '--service', '100 ms', '--servers', '90', '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).error).toMatchObject({code: 'unstable'})
  })

  it('gives the answer in a few words in --json', () => {
    expect(json(['erlang', '--arrival', '1000/s', '--service', '100 ms', '--target', 'p99 < 10 ms']).answer).toBe('118 servers (84.7 % busy); the utilisation formula at 70 % gives 143')
    expect(json(['instances', '--arrival', '1000/s', '--service', '100 ms']).answer).toBe('143 instances, each 69.9 % busy on average')
  })

  it('lists the calculators off a terminal', () => {
    expect(runCli(['calc']).stdout).toContain('course calc erlang')
  })
})
