import {UserError} from '../../errors.js'
import {describeTarget, waitTarget} from '../inputs.js'
import {erlangB, fewestServers, mmc, naiveInstances, type WaitStats} from '../queueing.js'
import {formatNumber, type Worked, type WorkedStep} from '../worked.js'
import {fieldOf, type FieldValues} from './model.js'
import {ERLANG} from './specs.js'

const PERCENTILES = [0.5, 0.9, 0.95, 0.99, 0.999]

function statsSteps(stats: WaitStats, arrival: number, service: number): WorkedStep[] {
  const drain = stats.servers / service - arrival
  return [
    {label: 'offered load', formula: 'a = λ · S', working: `${formatNumber(arrival)} /s × ${formatNumber(service)} s`, value: stats.load, unit: 'Erlangs'},
    {label: 'utilisation', formula: 'ρ = a / c', working: `${formatNumber(stats.load)} / ${stats.servers}`, value: stats.utilisation, unit: ''},
    {label: 'Erlang B', formula: 'B₀ = 1, Bₖ = a·Bₖ₋₁ / (k + a·Bₖ₋₁)', working: `recursion to k = ${stats.servers}`, value: erlangB(stats.servers, stats.load), unit: ''},
    {label: 'probability of waiting', formula: 'C = c·B / (c − a·(1 − B))', working: `c = ${stats.servers}, a = ${formatNumber(stats.load)}`, value: stats.probabilityOfWaiting, unit: ''},
    {label: 'mean wait', formula: 'W_q = C / (c·μ − λ)', working: `${formatNumber(stats.probabilityOfWaiting)} / (${stats.servers} × ${formatNumber(1 / service)} /s − ${formatNumber(arrival)} /s)`, value: stats.meanWait * 1000, unit: 'ms'},
    ...PERCENTILES.map((p) => ({
      label: `p${formatNumber(p * 100)} wait`,
      formula: `t = ln(C / (1 − p)) / (c·μ − λ), or 0 when C ≤ 1 − p`,
      working: stats.probabilityOfWaiting > 1 - p ? `ln(${formatNumber(stats.probabilityOfWaiting)} / ${formatNumber(1 - p)}) / ${formatNumber(drain)} /s` : `C ≤ ${formatNumber(1 - p)}`,
      value: stats.percentile(p) * 1000,
      unit: 'ms',
    })),
  ]
}

/**
 * Servers that cannot keep up: the offered load (the servers' worth of work arriving) is at least
 * the servers there are, so work arrives faster than it is done and no wait is finite. The input
 * is well formed and the question has an answer ("never"), so this is not a usage error (exit 1).
 */
function unstable(servers: number, arrival: number, service: number): UserError {
  const load = arrival * service
  return new UserError(
    `${servers} servers cannot keep up: the offered load is ${formatNumber(load)} Erlangs (${formatNumber(arrival)} /s × ${formatNumber(service)} s), so ${servers} servers would be ${formatNumber((100 * load) / servers, 3)} % busy and the queue would grow without end`,
    {code: 'unstable', next: [`Use at least ${Math.floor(load) + 1} servers: a stable queue needs more servers than Erlangs of load.`, 'Or leave the servers out and give a wait target instead, to find the fewest servers that meet it.']},
  )
}

/**
 * M/M/c through Erlang C. With a number of servers: the probability of waiting, the mean wait and
 * wait percentiles. With a target: the fewest servers that meet it, beside the utilisation
 * formula's answer. The specification makes sure exactly one of the two is given.
 */
export function erlang(input: FieldValues<typeof ERLANG>): Worked {
  const arrival = input.arrival.value
  const service = input.service.value
  const load = arrival * service
  const inputs = [
    {name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival)} /s`},
    {name: 'service', label: 'mean service time S', shown: `${formatNumber(service)} s`},
  ]
  if (input.servers !== undefined) {
    const servers = input.servers.value
    if (servers <= load) throw unstable(servers, arrival, service)
    const stats = mmc(arrival, service, servers)
    return {
      title: `Waiting in an M/M/${servers} queue (Erlang C)`,
      answer: `${formatNumber(stats.probabilityOfWaiting * 100, 3)} % of requests wait; mean wait ${formatNumber(stats.meanWait * 1000)} ms, p99 wait ${formatNumber(stats.percentile(0.99) * 1000)} ms`,
      inputs: [...inputs, {name: 'servers', label: 'servers c', shown: String(servers)}],
      steps: statsSteps(stats, arrival, service),
      results: {
        servers,
        offered_load: load,
        utilisation: stats.utilisation,
        probability_of_waiting: stats.probabilityOfWaiting,
        mean_wait_ms: stats.meanWait * 1000,
        ...Object.fromEntries(PERCENTILES.map((p) => [`p${String(p * 100).replace('.', '_')}_wait_ms`, stats.percentile(p) * 1000])),
      },
      notes: [`${formatNumber(stats.probabilityOfWaiting * 100, 3)} % of requests wait at all; the mean wait counts the ones that do not as 0.`],
    }
  }
  const target = waitTarget(fieldOf(ERLANG, 'target'), input.target!)
  const utilisation = input.utilization.value
  const found = fewestServers(arrival, service, target, Math.floor(load) + 100_000)
  if (!found) throw new UserError(`no server count up to ${Math.floor(load) + 100_000} meets ${describeTarget(target)}`, {code: 'unreachable', next: ['Loosen the target.']})
  const naive = naiveInstances(arrival, service, utilisation)
  const atNaive = mmc(arrival, service, Math.max(naive, Math.floor(load) + 1))
  const fewer = mmc(arrival, service, found.servers - 1)
  // The measure the target is about, in the unit it is shown in (ms for waits).
  const measure = (s: WaitStats) => (target.kind === 'probability' ? s.probabilityOfWaiting : 1000 * (target.kind === 'mean' ? s.meanWait : s.percentile(target.p)))
  const unit = target.kind === 'probability' ? '' : 'ms'
  const describe = (s: WaitStats) => (unit ? `${formatNumber(measure(s))} ms` : formatNumber(measure(s)))
  return {
    title: `Fewest servers for ${describeTarget(target)} (Erlang C)`,
    answer: `${found.servers} servers (${formatNumber(found.utilisation * 100, 3)} % busy); the utilisation formula at ${formatNumber(utilisation * 100)} % gives ${naive}`,
    inputs: [...inputs, {name: 'target', label: 'target', shown: describeTarget(target)}, {name: 'utilization', label: 'naive formula at', shown: `${formatNumber(utilisation * 100)} %`}],
    steps: [
      ...statsSteps(found, arrival, service).slice(0, 4),
      {label: `with ${found.servers - 1} servers`, formula: describeTarget(target).replace(/ <.*/, ''), working: 'one server fewer misses the target', value: measure(fewer), unit},
      {label: `with ${found.servers} servers`, formula: describeTarget(target).replace(/ <.*/, ''), working: 'the first count that meets it', value: measure(found), unit},
      {label: 'utilisation formula', formula: 'n = ⌈λ·S / ρ⌉', working: `⌈${formatNumber(load)} / ${formatNumber(utilisation)}⌉`, value: naive, unit: 'servers'},
    ],
    results: {servers: found.servers, naive_servers: naive, offered_load: load, utilisation: found.utilisation, probability_of_waiting: found.probabilityOfWaiting, mean_wait_ms: found.meanWait * 1000},
    notes: [
      `Erlang C: ${found.servers} servers (${formatNumber(found.utilisation * 100, 3)} % busy). The utilisation formula at ${formatNumber(utilisation * 100)} %: ${naive} servers, where the wait is ${describe(atNaive)}.`,
      naive > found.servers ? `The formula provisions ${naive - found.servers} servers more than the target needs.` : naive < found.servers ? `The formula provisions ${found.servers - naive} servers too few for the target.` : 'Here both give the same count.',
    ],
  }
}
