// The simulation core's speed: events per second of an M/M/1 queue on the event heap, against a
// floor measured in the same run (the same handler and random draws through a plain FIFO array,
// which cannot order events by time). Goal (labs issue): at least 5 million events/s.
import path from 'node:path'
import {median, printTable} from './lib.mjs'

export async function sim({root, runs}) {
  const {Simulation, randomFromSeed} = await import(path.join(root, 'dist', 'labs', 'work-stealer', 'bench.entry.js'))
  const events = 2_000_000
  const rounds = Math.max(3, Math.min(7, Math.round(runs / 2)))
  const simulated = []
  const floor = []
  const crowded = []
  for (let r = 0; r < rounds; r++) {
    // The model: an M/M/1 queue (arrivals at 0.9, service at 1).
    let queue = 0
    const handler = (e, s) => {
      if (e === 0) {
        queue++
        s.schedule(-Math.log(1 - s.random()) / 0.9, 0)
        if (queue === 1) s.schedule(-Math.log(1 - s.random()), 1)
      } else {
        queue--
        if (queue > 0) s.schedule(-Math.log(1 - s.random()), 1)
      }
    }
    const model = new Simulation(handler, r + 1)
    model.schedule(0, 0)
    let started = performance.now()
    model.run({maxEvents: events})
    simulated.push(model.events / ((performance.now() - started) / 1000))

    // The floor: the same handler and draws, events taken first in, first out (time ignored).
    queue = 0
    const fifo = {random: randomFromSeed(r + 1), items: [0], head: 0, schedule(_delay, e) { this.items.push(e) }}
    started = performance.now()
    for (let i = 0; i < events && fifo.head < fifo.items.length; i++) handler(fifo.items[fifo.head++], fifo)
    floor.push(events / ((performance.now() - started) / 1000))

    // A crowded agenda: 10,000 pollers each due again after a random interval, as the thundering
    // herd's workers are; every event costs a heap operation over 10,000 entries.
    const herd = new Simulation((_e, s) => s.schedule(0.5 + s.random(), 0), r + 1)
    for (let i = 0; i < 10_000; i++) herd.schedule(herd.random(), 0)
    started = performance.now()
    herd.run({maxEvents: events})
    crowded.push(herd.events / ((performance.now() - started) / 1000))
  }
  const rate = median(simulated)
  const crowdedRate = median(crowded)
  const base = median(floor)
  printTable(`Simulation core (${events.toLocaleString('en-US')} events of an M/M/1 queue, ${rounds} rounds)`, [
    {name: 'floor: same work, plain FIFO', median: `${(base / 1e6).toFixed(2)}M/s`, min: `${(Math.min(...floor) / 1e6).toFixed(2)}M/s`, max: `${(Math.max(...floor) / 1e6).toFixed(2)}M/s`, ratio: '1.00×', goal: 'baseline'},
    {name: 'event heap + virtual clock', median: `${(rate / 1e6).toFixed(2)}M/s`, min: `${(Math.min(...simulated) / 1e6).toFixed(2)}M/s`, max: `${(Math.max(...simulated) / 1e6).toFixed(2)}M/s`, ratio: `${(rate / base).toFixed(2)}×`, goal: '≥ 5M/s', verdict: rate >= 5e6 ? 'met' : 'MISSED'},
    {name: '10,000 pending events', median: `${(crowdedRate / 1e6).toFixed(2)}M/s`, min: `${(Math.min(...crowded) / 1e6).toFixed(2)}M/s`, max: `${(Math.max(...crowded) / 1e6).toFixed(2)}M/s`, ratio: `${(crowdedRate / base).toFixed(2)}×`, goal: '≥ 5M/s', verdict: crowdedRate >= 5e6 ? 'met' : 'MISSED'},
  ])
  return {rate}
}
