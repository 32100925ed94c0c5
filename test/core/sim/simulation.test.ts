import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {EventQueue} from '../../../src/core/sim/event-queue.js'
import {Simulation} from '../../../src/core/sim/simulation.js'

describe('EventQueue', () => {
  it('pops in time order, and in scheduling order among equal times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 20}), {maxLength: 3000}), (times) => {
        const queue = new EventQueue<number>()
        times.forEach((t, i) => queue.push(t, i))
        const popped: number[] = []
        for (let item = queue.pop(); item; item = queue.pop()) popped.push(item.payload)
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i)
        expect(popped).toEqual(expected)
        expect(queue.size).toBe(0)
      }),
    )
  })

  it('keeps order when pushes and pops interleave past its first capacity', () => {
    const queue = new EventQueue<string>()
    for (let i = 0; i < 5000; i++) queue.push(i % 7, `a${i}`)
    const first = queue.pop()!
    expect(first).toEqual({time: 0, payload: 'a0'})
    for (let i = 0; i < 100; i++) queue.push(0, `b${i}`)
    // Every earlier event at time 0 was scheduled before the b's.
    const zeros: string[] = []
    while (queue.peekTime() === 0) zeros.push(queue.pop()!.payload)
    expect(zeros.slice(0, 3)).toEqual(['a7', 'a14', 'a21'])
    expect(zeros.slice(-100)).toEqual(Array.from({length: 100}, (_, i) => `b${i}`))
  })
})

type Arrival = {readonly customer: number}

/** A small M/M/1 queue: the kind of model the thought experiments run. */
function mm1(seed: number, customers: number) {
  const trace: string[] = []
  let busyUntil = 0
  const sim = new Simulation<Arrival>((event, s) => {
    const start = Math.max(s.now, busyUntil)
    busyUntil = start + -Math.log(1 - s.random()) / 1.25
    trace.push(`${event.customer}@${s.now.toFixed(6)}→${busyUntil.toFixed(6)}`)
    if (event.customer + 1 < customers) s.schedule(-Math.log(1 - s.random()), {customer: event.customer + 1})
  }, seed)
  sim.schedule(0, {customer: 0})
  sim.run()
  return {trace, events: sim.events, now: sim.now}
}

describe('Simulation', () => {
  it('is reproducible to the event for a seed, and differs between seeds', () => {
    const a = mm1(42, 2000)
    const b = mm1(42, 2000)
    expect(a.trace).toEqual(b.trace)
    expect(a.events).toBe(2000)
    expect(mm1(43, 2000).trace).not.toEqual(a.trace)
  })

  it('advances the clock to each event and stops at `until` or after `maxEvents`', () => {
    const seen: number[] = []
    const sim = new Simulation<number>((delay, s) => {
      seen.push(s.now)
      if (s.now < 100) s.schedule(delay, delay)
    })
    sim.schedule(10, 10)
    expect(sim.run({until: 35})).toBe(3)
    expect(seen).toEqual([10, 20, 30])
    expect(sim.pending).toBe(1)
    expect(sim.run({maxEvents: 2})).toBe(2)
    expect(sim.now).toBe(50)
    sim.run()
    expect(sim.now).toBe(100)
    expect(sim.pending).toBe(0)
  })

  it('refuses to schedule into the past', () => {
    const sim = new Simulation<null>(() => {})
    expect(() => sim.schedule(-1, null)).toThrow(/into the past/)
    expect(() => sim.schedule(Number.NaN, null)).toThrow(RangeError)
  })
})
