import {valueAt} from './document.js'
import {departuresOf} from '../scenario/departures.js'

/**
 * What a person should look at in a design that the checks cannot judge: prose fields that say
 * nothing (empty, a few words, a placeholder, one phrase repeated), prose copied from the
 * published reference, and figures the design declares it departs from. Flags cost no marks by
 * themselves; every report shows them, so a document full of `x` is never graded in silence.
 */

/** Fewer distinct words (of three letters or more) than this, and a prose field says nothing. */
const MIN_DISTINCT_WORDS = 8
/** Placeholders people type to get past a required field. */
const PLACEHOLDER = /^(x+|tbd|todo|tba|n\/?a|none|nothing|no|yes|ok|\.+|-+|\?+|lorem ipsum\b.*|asdf\w*|test|notes?)$/i
/** Word sequences this long shared with the reference count as copied text. */
const SHINGLE = 6
/** The share of a field's word sequences found in the reference's prose above which it is a copy. */
const COPIED_SHARE = 0.8

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** The text of a prose field: a string, or the strings of a list or of an object's values. */
function textOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(textOf)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textOf)
  return []
}

function shingles(list: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + SHINGLE <= list.length; i++) out.push(list.slice(i, i + SHINGLE).join(' '))
  return out
}

/** Why a prose field needs a person's eyes, or undefined when it reads like an answer. */
export function proseProblem(value: unknown, referenceShingles?: ReadonlySet<string>): string | undefined {
  // An absent field is the schema's business (it may be optional); one that is there must say something.
  if (value === undefined) return undefined
  const pieces = textOf(value).map((t) => t.trim()).filter((t) => t !== '')
  if (pieces.length === 0) return 'empty'
  if (pieces.every((p) => PLACEHOLDER.test(p))) return `only placeholders (${pieces.slice(0, 3).map((p) => `\`${p.slice(0, 20)}\``).join(', ')})`
  const all = pieces.flatMap(words)
  const distinct = new Set(all.filter((w) => w.length >= 3))
  if (distinct.size < MIN_DISTINCT_WORDS) return `says almost nothing (${distinct.size} distinct word${distinct.size === 1 ? '' : 's'})`
  if (all.length >= 40 && distinct.size / all.length < 0.2) return 'repeats the same few words'
  if (referenceShingles && referenceShingles.size > 0) {
    const own = shingles(all)
    if (own.length >= 10 && own.filter((s) => referenceShingles.has(s)).length / own.length >= COPIED_SHARE) return 'copied from the published reference'
  }
  return undefined
}

/** The reference's prose as word sequences, to recognise a copy of it. */
export function referenceShinglesOf(reference: unknown, prose: readonly string[]): Set<string> {
  return new Set(prose.flatMap((pointer) => shingles(textOf(valueAt(reference, pointer)).flatMap(words))))
}

/** Everything a person should look at in one document, located. */
export function reviewDocument(document: unknown, prose: readonly string[], where: (pointer: string) => string, referenceShingles?: ReadonlySet<string>): string[] {
  const flags: string[] = []
  for (const pointer of prose) {
    const problem = proseProblem(valueAt(document, pointer), referenceShingles)
    if (problem) flags.push(`${where(pointer)} ${pointer}: ${problem}; a person should read this design`)
  }
  for (const departure of departuresOf(document)) {
    flags.push(`${where('/departures')} /departures: assumes ${departure.figure} = ${departure.value || '(no value given)'} instead of the scenario's figure, because: ${departure.reason.slice(0, 200)}`)
  }
  return flags
}
