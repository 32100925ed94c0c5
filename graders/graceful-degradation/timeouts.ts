/**
 * The timeout rules across the hops, computed from the scenario's figures: pool safety by
 * Little's law, no false alarms on the callee's normal tail, and nesting (each caller waits at
 * least as long as its callee may take).
 */
import {designCheck, figure, type DesignReader} from 'course/kit'
import {EPSILON, hops, ms, perSecond} from './scenario.js'

const pointerOf = (field: string) => `/timeouts/${field}`

/** The timeouts in seconds, by hop; schema-valid documents have all four, and an unreadable one ends the check. */
export function timeouts(design: DesignReader): Record<string, number> {
  return Object.fromEntries(hops(design).map((hop) => [hop.field, design.quantity(pointerOf(hop.field), 'duration').value]))
}

/** Pool safety: arrivals × (caller's own p50 + timeout) fits the caller's pool at A, B and C. */
export const timeoutsPoolSafety = designCheck((design) => {
  const values = timeouts(design)
  const arrivals = design.figure('arrivals')
  for (const hop of hops(design)) {
    if (hop.pool === undefined) continue
    const timeout = values[hop.field]!
    const held = arrivals * (hop.callerP50 + timeout)
    if (held > hop.pool + EPSILON) {
      design.flaw(pointerOf(hop.field), `with ${ms(timeout)}, ${hop.caller} holds ${perSecond(arrivals)} × (${ms(hop.callerP50)} + ${ms(timeout)}) = ${figure(held)} threads when every call times out, more than its pool of ${figure(hop.pool)}`)
    }
  }
})

/** No false alarms: C → D at least D's normal p99 as seen by C, D → E at least E's p99. */
export const timeoutsNoFalseAlarms = designCheck((design) => {
  const values = timeouts(design)
  for (const hop of hops(design)) {
    const timeout = values[hop.field]!
    if (timeout + EPSILON < hop.calleeSeenP99) design.flaw(pointerOf(hop.field), `${ms(timeout)} is below ${hop.callee}'s normal p99 of ${ms(hop.calleeSeenP99)} as ${hop.caller} sees it, so healthy calls time out`)
  }
})

/** Nesting: each caller's timeout is at least its callee's timeout plus the callee's own p99 work. */
export const timeoutsNest = designCheck((design) => {
  const values = timeouts(design)
  const chain = hops(design)
  for (let i = 0; i + 1 < chain.length; i++) {
    const hop = chain[i]!
    const outer = values[hop.field]!
    const inner = values[chain[i + 1]!.field]!
    const needed = inner + hop.calleeP99
    if (outer + EPSILON < needed) {
      design.flaw(
        pointerOf(hop.field),
        `${ms(outer)} is shorter than ${hop.callee}'s own timeout ${ms(inner)} plus ${hop.callee}'s p99 work ${ms(hop.calleeP99)} = ${ms(needed)}, so ${hop.caller} gives up before ${hop.callee} can answer with what it has`,
      )
    }
  }
})
