import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {erlangB, erlangC, fewestServers, mmc, naiveInstances, squareRootStaffing} from '../../../src/core/capacity/queueing.js'
import {bloomSize, countMinSize, hllForError, hllFromRegisters} from '../../../src/core/capacity/sketches.js'

/** Figures checked independently (1000 req/s, 100 ms per request: offered load 100 Erlangs). */
describe('M/M/c against checked figures', () => {
  const at = (servers: number) => mmc(1000, 0.1, servers)

  it('matches the probability of waiting and the tail', () => {
    expect(at(110).probabilityOfWaiting).toBeCloseTo(0.237, 3)
    expect(at(110).percentile(0.99) * 1000).toBeCloseTo(31.7, 1)
    expect(at(116).percentile(0.99) * 1000).toBeCloseTo(12.9, 1)
    expect(at(117).percentile(0.99) * 1000).toBeCloseTo(10.9, 1)
    expect(at(118).probabilityOfWaiting).toBeCloseTo(0.0516, 4)
    expect(at(118).meanWait * 1000).toBeCloseTo(0.29, 2)
    expect(at(118).percentile(0.99) * 1000).toBeCloseTo(9.11, 2)
    expect(at(125).probabilityOfWaiting).toBeCloseTo(0.0099, 4)
    expect(at(143).probabilityOfWaiting).toBeCloseTo(3.2e-5, 6)
  })

  it('finds 118 servers for a p99 wait under 10 ms, where the utilisation formula says 143', () => {
    expect(fewestServers(1000, 0.1, {kind: 'percentile', p: 0.99, below: 0.01})?.servers).toBe(118)
    expect(naiveInstances(1000, 0.1, 0.7)).toBe(143)
    expect(squareRootStaffing(100, 1.8)).toBe(118)
  })

  it('has a wait that falls as servers are added, and a naive answer never below the load', () => {
    fc.assert(
      fc.property(fc.double({min: 0.5, max: 500, noNaN: true}), fc.double({min: 0.001, max: 2, noNaN: true}), fc.integer({min: 1, max: 40}), (arrival, service, extra) => {
        const load = arrival * service
        const first = Math.floor(load) + 1
        const a = mmc(arrival, service, first + extra)
        const b = mmc(arrival, service, first + extra + 1)
        expect(b.probabilityOfWaiting).toBeLessThanOrEqual(a.probabilityOfWaiting + 1e-12)
        expect(b.meanWait).toBeLessThanOrEqual(a.meanWait + 1e-12)
        expect(naiveInstances(arrival, service, 0.7)).toBeGreaterThanOrEqual(Math.ceil(load - 1e-9))
      }),
    )
  })

  it('keeps Erlang B and C in [0, 1] and C ≥ B', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 300}), fc.double({min: 0.01, max: 299, noNaN: true}), (servers, load) => {
        const b = erlangB(servers, load)
        const c = erlangC(servers, load)
        expect(b).toBeGreaterThanOrEqual(0)
        expect(c).toBeLessThanOrEqual(1)
        if (load < servers) expect(c).toBeGreaterThanOrEqual(b - 1e-12)
      }),
    )
  })
})

describe('sketch sizes against checked figures', () => {
  it('sizes a Bloom filter for 10^8 items at 0.1 %', () => {
    const size = bloomSize(1e8, 0.001)
    expect(size.bits).toBe(1_437_758_757)
    expect(size.bytes / 2 ** 20).toBeCloseTo(171.4, 1)
    expect(size.hashesExact).toBeCloseTo(9.97, 2)
    expect(size.hashes).toBe(10)
  })

  it('sizes HyperLogLog and count-min', () => {
    expect(hllFromRegisters(2 ** 14).standardError).toBeCloseTo(0.008125, 6)
    expect(hllFromRegisters(2 ** 14).bytes).toBe(12 * 1024)
    expect(hllForError(0.02).registers).toBe(4096)
    expect(countMinSize(0.001, 0.01)).toMatchObject({width: 2719, depth: 5})
  })
})
