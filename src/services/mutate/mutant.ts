/**
 * One mutant, away from Stryker: where it sits in the reference, how to apply it to a clean copy,
 * and how to show it. Positions follow Stryker's API (lines and columns counted from 0).
 */

export interface Position {
  readonly line: number
  readonly column: number
}

export interface MutantLocation {
  readonly start: Position
  readonly end: Position
}

/** A mutant as Stryker describes it, reduced to what grading and reporting need. */
export interface MutantSpec {
  readonly id: string
  readonly mutator: string
  readonly replacement: string
  readonly location: MutantLocation
}

/** Offsets of the first character of every line, so positions turn into string indexes. */
function lineStarts(source: string): number[] {
  const starts = [0]
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1)
  return starts
}

export function offsetOf(source: string, position: Position, starts: readonly number[] = lineStarts(source)): number {
  const start = starts[position.line]
  if (start === undefined) throw new Error(`line ${position.line + 1} is past the end of the file`)
  return start + position.column
}

/** The source text a mutant replaces. */
export function originalText(source: string, location: MutantLocation): string {
  const starts = lineStarts(source)
  return source.slice(offsetOf(source, location.start, starts), offsetOf(source, location.end, starts))
}

/** The reference with exactly this one mutant applied: what a learner with that one bug would hand in. */
export function applyMutant(source: string, mutant: Pick<MutantSpec, 'location' | 'replacement'>): string {
  const starts = lineStarts(source)
  return source.slice(0, offsetOf(source, mutant.location.start, starts)) + mutant.replacement + source.slice(offsetOf(source, mutant.location.end, starts))
}

/** Whitespace runs folded to one space: records and keys must not depend on indentation or line breaks. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** What identifies a mutant across unrelated edits of the reference: no line numbers, only text. */
export interface MutantKey {
  readonly mutator: string
  /** The text of the reference line the mutant starts on. */
  readonly line: string
  /** The code the mutant replaces. */
  readonly original: string
  readonly replacement: string
}

export function keyOf(source: string, mutant: MutantSpec): MutantKey {
  const line = source.split('\n')[mutant.location.start.line] ?? ''
  return {mutator: mutant.mutator, line: normalise(line), original: normalise(originalText(source, mutant.location)), replacement: normalise(mutant.replacement)}
}

export function sameKey(a: MutantKey, b: MutantKey): boolean {
  return normalise(a.mutator) === normalise(b.mutator) && normalise(a.line) === normalise(b.line) && normalise(a.original) === normalise(b.original) && normalise(a.replacement) === normalise(b.replacement)
}

/**
 * A small unified diff of one mutant: the reference lines it touches, then the same lines mutated.
 * `file` names the reference file as the author knows it.
 */
export function mutantDiff(source: string, mutant: MutantSpec, file: string): string {
  const lines = source.split('\n')
  const first = mutant.location.start.line
  const last = mutant.location.end.line
  const before = lines.slice(first, last + 1)
  const mutated = applyMutant(source, mutant).split('\n')
  // The mutated file has the same lines before the mutant and the same lines after it.
  const after = mutated.slice(first, mutated.length - (lines.length - 1 - last))
  return [
    `--- ${file}:${first + 1}`,
    `+++ ${file}:${first + 1} (${mutant.mutator})`,
    `@@ -${first + 1},${before.length} +${first + 1},${after.length} @@`,
    ...before.map((l) => `-${l}`),
    ...after.map((l) => `+${l}`),
  ].join('\n')
}
