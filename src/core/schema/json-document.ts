/**
 * A JSON file read as a document to check (a unit, the manifest, a grader): strict JSON, every
 * value locatable by JSON pointer, and a key given twice refused rather than silently overwritten
 * as JSON.parse would (the author meant one of the two).
 */
import type {Node} from 'jsonc-parser'
import {withoutByteOrderMark} from './json-file.js'
import {jsonOffsetFinder, parseJsonTree} from './json-locate.js'
import {findJsonSyntaxProblem} from './json-syntax.js'
import type {LocatedDocument} from './locate.js'
import {positionFinder, type Position} from './text-position.js'

export type LocatedJson =
  | {readonly ok: true; readonly document: LocatedDocument}
  | {readonly ok: false; readonly problems: ReadonlyArray<Position & {readonly message: string}>}

/** Keys given twice in one object, by the offset of each repetition, in file order. */
function repeatedKeys(root: Node | undefined): Node[] {
  const repeated: Node[] = []
  const stack = root ? [root] : []
  while (stack.length > 0) {
    const node = stack.pop()!
    const seen = node.type === 'object' ? new Set<unknown>() : undefined
    for (const child of node.children ?? []) {
      const key = child.type === 'property' ? child.children?.[0] : undefined
      if (seen && key) {
        if (seen.has(key.value)) repeated.push(key)
        seen.add(key.value)
      }
      stack.push(child)
    }
  }
  return repeated.sort((a, b) => a.offset - b.offset)
}

/** Parses JSON text into a located document, or says where and why it cannot. */
export function parseLocatedJson(raw: string): LocatedJson {
  const text = withoutByteOrderMark(raw)
  const position = positionFinder(text)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const problem = findJsonSyntaxProblem(text) ?? {offset: text.length, message: (error as Error).message}
    return {ok: false, problems: [{...position(problem.offset), message: `invalid JSON: ${problem.message}`}]}
  }
  const tree = parseJsonTree(text)
  const repeated = repeatedKeys(tree)
  if (repeated.length > 0) {
    return {ok: false, problems: repeated.map((key) => ({...position(key.offset), message: `the key ${JSON.stringify(key.value)} appears twice in the same object`}))}
  }
  const find = jsonOffsetFinder(text, tree)
  return {ok: true, document: {value, locate: (pointer, options) => position(find(pointer, options))}}
}
