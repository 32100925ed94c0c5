/**
 * Server names and lookup keys drawn from a case's random stream. Names mix short ids with
 * host:port addresses, so that no implementation can lean on one shape of id; keys carry a random
 * suffix, so that every learner's ring is probed at different positions.
 */
import {integer, type Random} from 'course/kit'

/** `count` distinct server names. */
export function serverNames(random: Random, count: number): string[] {
  const names = new Set<string>()
  while (names.size < count) names.add(random() < 0.5 ? `s${integer(random, 1, 999)}` : `10.0.${integer(random, 0, 9)}.${integer(random, 1, 254)}:80${integer(random, 10, 99)}`)
  return [...names]
}

/** `count` keys, each as the argument list of one `lookup` call. */
export function lookupKeys(random: Random, count: number): string[][] {
  return Array.from({length: count}, (_, i) => [`key-${i}-${Math.floor(random() * 2 ** 32).toString(36)}`])
}
