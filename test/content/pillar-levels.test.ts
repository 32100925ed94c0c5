import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {runUnitLab} from '../helpers/lab.js'

/**
 * The pillar lesson quotes what the load balancer's four-levels experiment measures with its
 * defaults. The lab is seeded, so the figures are fixed; if the model changes, the lesson must.
 */
describe("the pillar lesson's measured efficiency figures", () => {
  it('are what `course run load-balancer --experiment levels` measures', async () => {
    const {result} = await runUnitLab('load-balancer', {experiment: 'levels'})
    const rows = result.rows as Array<{strategy: string; efficiency_percent: [number, number]}>
    const at1s = (strategy: string) => Math.round(rows.find((r) => r.strategy === strategy)!.efficiency_percent[0])
    const lesson = readFileSync(new URL('../../exercises/pillar/README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')
    const quoted = /round robin (\d+) %, least connections (\d+) %, a hash ring (\d+) %, an SLO-aware affinity router (\d+) %/.exec(lesson)
    expect(quoted, 'the lesson quotes the four figures').not.toBeNull()
    const [roundRobin, leastConnections, hashRing, affinity] = quoted!.slice(1).map(Number)
    expect([at1s('round-robin'), at1s('least-connections'), at1s('hash-ring'), Math.round(rows.at(-1)!.efficiency_percent[0])]).toEqual([roundRobin, leastConnections, hashRing, affinity])
    const tight = rows.map((r) => r.efficiency_percent[1])
    const spread = /at 10 ms the spread opens from ([\d.]+) % to (\d+) %/.exec(lesson)
    expect(spread).not.toBeNull()
    expect([Math.min(...tight), Math.round(Math.max(...tight))]).toEqual([Number(spread![1]), Number(spread![2])])
  })
})
