import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/web-crawler/reference/frontier.js'
import {randomFromSeed, type Random} from '../../src/core/random.js'
import {frontierCheck, frontierGenerators, replayFrontier, scriptedFrontiers} from '../../graders/web-crawler/frontier.js'
import {FrontierModel, isAllowedModel, normalizeModel} from '../../graders/web-crawler/models.js'
import {normaliseGenerators} from '../../graders/web-crawler/normalise.js'
import {robotsGenerators} from '../../graders/web-crawler/robots.js'

/**
 * The web crawler's hidden cases trust three models (models.ts) to know what a learner's code must
 * return. Each is written from the contract apart from the reference; here they are run against
 * the reference on the generators' inputs for many seeds, and on random inputs no generator would
 * make, and must agree on every answer. A model that drifted from the contract would fail the
 * reference in reference-seeds.test.ts only for the seeds that happen to reach the drift.
 */
const SEEDS = 200

type MapInput = {steps: Array<{map: string; over: unknown[][]}>}

/** Every call of every generator of a concern, over many seeds. */
function generatedCalls(generators: Record<string, (random: Random, params: Record<string, unknown>) => {input: unknown}>, seeds: number): unknown[][] {
  const out: unknown[][] = []
  for (const [name, generate] of Object.entries(generators)) {
    for (let seed = 0; seed < seeds; seed++) out.push(...(generate(randomFromSeed(seed * 7919 + name.length), {}).input as MapInput).steps[0]!.over)
  }
  return out
}

function pickOf<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

/** Text from an alphabet chosen to hit the rules: escapes, dots, separators, odd characters. */
function fuzz(random: Random, alphabet: readonly string[], max: number): string {
  let out = ''
  const length = Math.floor(random() * max)
  for (let i = 0; i < length; i++) out += pickOf(random, alphabet)
  return out
}

const URL_PIECES = ['a', 'B', '/', '.', '..', '%', '%2e', '%41', '%7e', '%2F', '%zz', '%25', '?', '&', '=', '#', '@', ':', 'utm_', 'UTM_', '%5F', ' ', 'é', '~', '+', ';']

describe('the web crawler models agree with the reference', () => {
  it('normalizeUrl: every generated URL and random ones', () => {
    const inputs = generatedCalls(normaliseGenerators, SEEDS / 8)
    const random = randomFromSeed(1)
    for (let i = 0; i < 1500; i++) {
      const scheme = pickOf(random, ['http://', 'https://', 'HTTP://', 'ftp://', 'mailto:', ''])
      const host = pickOf(random, ['example.com', 'Example.COM.', 'a.example:80', 'a.example:443', 'a.example:8080', 'u:p@h.example', '.', 'bücher.example', 'x..'])
      const url = `${scheme}${host}/${fuzz(random, URL_PIECES, 12)}`
      inputs.push(random() < 0.2 ? [fuzz(random, URL_PIECES, 8), pickOf(random, ['http://b.example/x/y?q', '', 'not a base', 'https://c.example'])] : [url])
    }
    const differ = inputs.filter((args) => normalizeModel(args[0] as string, args[1] as string | undefined) !== reference.normalizeUrl(args[0] as string, args[1] as string | undefined))
    expect(differ).toEqual([])
    expect(inputs.length).toBeGreaterThan(3500)
  })

  it('isAllowed: every generated query and random files', () => {
    const inputs = generatedCalls(robotsGenerators, SEEDS / 10)
    const random = randomFromSeed(2)
    const keys = ['User-agent', 'user-agent', 'Allow', 'Disallow', 'disallow', 'Crawl-delay', 'Sitemap', '']
    const values = ['*', 'CourseBot', 'coursebot', 'Other', '/', '/a', '/a*', '/a$', '/*b', '/a$b', '/a.b', '', ' /a ', '/a#c', '/a:b']
    for (let i = 0; i < 1500; i++) {
      const lines = Array.from({length: Math.floor(random() * 8)}, () => `${pickOf(random, keys)}${random() < 0.9 ? ':' : ''} ${pickOf(random, values)}`)
      const robots = `${random() < 0.1 ? '\uFEFF' : ''}${lines.join(pickOf(random, ['\n', '\r\n', '\r']))}`
      inputs.push([robots, pickOf(random, ['CourseBot', 'COURSEBOT', 'Other', 'Nobody']), `/${fuzz(random, ['a', 'b', '.', '$', '/', 'c', ':', '*'], 6)}`])
    }
    const differ = inputs.filter((args) => isAllowedModel(args[0] as string, args[1] as string, args[2] as string) !== reference.isAllowed(args[0] as string, args[1] as string, args[2] as string))
    expect(differ).toEqual([])
  })

  it('createFrontier: every scripted and generated frontier, and random scripts with the clock going back', () => {
    type Script = {create: {args: [{delayMs: number}]}; steps: Array<{call: 'add'; args: [string, number]} | {call: 'next'; args: [number]} | {call: 'size'}>}
    const scripts: Script[] = [
      scriptedFrontiers.ONE_HOST,
      scriptedFrontiers.DUPLICATES,
      ...scriptedFrontiers.POLITENESS,
      ...scriptedFrontiers.READY_HOSTS,
      ...scriptedFrontiers.WAITING_HOSTS,
    ]
    for (const [name, generate] of Object.entries(frontierGenerators)) {
      for (let seed = 0; seed < SEEDS / 8; seed++) {
        const input = generate(randomFromSeed(seed * 31 + name.length), {}).input as {scripts: unknown[]}
        scripts.push(...(input.scripts.slice(1) as Script[]))
      }
    }
    const random = randomFromSeed(3)
    for (let s = 0; s < SEEDS; s++) {
      const steps: Script['steps'] = []
      let now = Math.floor(random() * 1000)
      for (let i = 0; i < 60; i++) {
        const roll = random()
        if (roll < 0.45) steps.push({call: 'add', args: [`${pickOf(random, ['http', 'https'])}://${pickOf(random, ['a.example', 'b.example', 'a.example:8080', 'c.example'])}/${Math.floor(random() * 20)}`, pickOf(random, [0, 1, 2, -1, 0.5])]})
        else if (roll < 0.9) {
          now += Math.floor(random() * 700) - (random() < 0.1 ? 900 : 0) // sometimes backwards
          steps.push({call: 'next', args: [now]})
        } else steps.push({call: 'size'})
      }
      scripts.push({create: {args: [{delayMs: pickOf(random, [0, 100, 500, 1000])}]}, steps})
    }
    const differ: string[] = []
    for (const [i, script] of scripts.entries()) {
      const model = replayFrontier(script as never).answers
      const frontier = reference.createFrontier(script.create.args[0])
      const actual = script.steps.map((step) => (step.call === 'add' ? frontier.add(...step.args) : step.call === 'next' ? frontier.next(...step.args) : frontier.size()))
      if (JSON.stringify(model) !== JSON.stringify(actual)) differ.push(`script ${i}`)
    }
    expect(differ).toEqual([])
    expect(scripts.length).toBeGreaterThan(300)
  })

  it('the frontier check passes the reference, and names a rule without quoting the input when a frontier is wrong', () => {
    type Frontier = ReturnType<typeof reference.createFrontier>
    type AnyScript = {create?: {args: [{delayMs: number}]}; steps: Array<{over?: unknown[][]; call?: string; args?: unknown[]}>}
    const generated = frontierGenerators['frontier-priority-order']!(randomFromSeed(5), {})
    const input = generated.input as {scripts: AnyScript[]}
    // The scripts run in process as the script driver runs them: the probe on the module, each frontier on its own object.
    const drive = (make: (options: {delayMs: number}) => Frontier) => ({
      scripts: input.scripts.map((script) => {
        if (!script.create) return {results: [{values: script.steps[0]!.over!.map((args) => reference.normalizeUrl(args[0] as string))}]}
        const f = make(script.create.args[0])
        return {results: script.steps.map((step) => ({value: step.call === 'add' ? f.add(step.args![0] as string, step.args![1] as number) : step.call === 'next' ? f.next(step.args![0] as number) : f.size()}))}
      }),
    })
    const judge = (output: unknown) => frontierCheck({input, output, expected: generated.expected, params: {}, tolerance: 0, visible: false})
    expect(judge(drive((options) => reference.createFrontier(options))).passed).toBe(true)
    // A frontier one millisecond too cautious: caught, with a rule named and no URL quoted.
    const verdict = judge(drive((options) => reference.createFrontier({delayMs: options.delayMs + 1})))
    expect(verdict.passed).toBe(false)
    expect(verdict.detail).toMatch(/broke this rule: /)
    expect(verdict.detail).not.toMatch(/example|http/)
  })
})

describe('the models follow the contract on its own examples', () => {
  it('normalizeUrl, isAllowed and the frontier', () => {
    expect(normalizeModel('HTTP://Example.COM:80/a/./b/../c?x=1#top')).toBe('http://example.com/a/c?x=1')
    expect(normalizeModel('http://absolute.example/p', '')).toBeNull()
    expect(normalizeModel('https://example.com/%25%34%31')).toBe('https://example.com/%2541')
    expect(isAllowedModel('User-agent: *\nAllow: /page\nDisallow: /page', 'x', '/page')).toBe(true)
    expect(isAllowedModel('User-agent: a\nCrawl-delay: 1\nUser-agent: b\nDisallow: /x', 'a', '/x')).toBe(false)
    const model = new FrontierModel(1000)
    model.add('http://a.example/1', 0)
    model.add('http://a.example/2', 0)
    expect(model.next(0)).toEqual({url: 'http://a.example/1', waitMs: 0})
    expect(model.next(200)).toEqual({url: 'http://a.example/2', waitMs: 800})
  })
})
