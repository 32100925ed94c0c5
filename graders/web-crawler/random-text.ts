/**
 * Random words and host names for the web crawler's generators, drawn from a case's own stream.
 * URLs, robots.txt files and frontier workloads are all spelt from these, so every concern's
 * inputs look alike to the learner's code.
 */
import {integer, pick, type Random} from 'course/kit'

export const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const ALNUM = `${LOWER}0123456789`

/** A word of `min` to `max` characters of `alphabet`. */
export function word(random: Random, min = 1, max = 6, alphabet = ALNUM): string {
  let out = ''
  const length = integer(random, min, max)
  for (let i = 0; i < length; i++) out += alphabet[integer(random, 0, alphabet.length - 1)]
  return out
}

/**
 * A plausible host name under a reserved domain: `news.abc-d1.example.org`. A `www.` prefix only
 * when asked: keeping it is a rule of its own, so the other cases' hosts never carry one.
 */
export function hostName(random: Random, www = false): string {
  const label = random() < 0.3 ? `${word(random, 1, 5, LOWER)}-${word(random, 1, 4)}` : word(random, 2, 8, LOWER)
  const prefixes = www ? ['www', 'www', 'shop', 'news', 'blog', 'docs'] : ['shop', 'news', 'blog', 'docs']
  return `${random() < 0.4 ? `${pick(random, prefixes)}.` : ''}${label}.${pick(random, ['example', 'example.com', 'example.org', 'example.net', 'test'])}`
}

/** The text with each letter upper- or lower-cased at random. */
export function mixedCase(random: Random, text: string): string {
  return [...text].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('')
}
