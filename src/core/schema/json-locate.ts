import {parseTree, type Node} from 'jsonc-parser'
import {limitDepth} from './json-depth.js'
import {pointerSegments} from './json-pointer.js'
import {STRICT_JSON} from './json-syntax.js'

/**
 * Finding where a JSON pointer sits in JSON text, on jsonc-parser's syntax tree. The tree is built
 * once per text and every pointer is a walk down it: 1,000 pointers in a 1 MB document take about
 * as long as building the tree (docs/decisions/0010-one-schema-module.md has the figures).
 *
 * The walk is ours rather than jsonc-parser's findNodeAtLocation because a problem needs three
 * things it does not give: the nearest existing ancestor of a pointer that leads nowhere, the key
 * naming a value (where an unknown field is), and, for a key given twice, its last occurrence (the
 * one JSON.parse keeps, and so the one a problem is about).
 *
 * The text should be JSON that has already parsed (JSON.parse, or parseJson). On anything else the
 * walk goes as far as the tree the parser recovered, and never throws.
 */

/** A JSON array index as a pointer writes it: no sign, no leading zero. */
const INDEX = /^(?:0|[1-9]\d*)$/

/** The node a pointer reaches, and the key that named it (undefined for the document or an array element). */
interface Reached {
  readonly node: Node | undefined
  readonly key: Node | undefined
}

/** The value named `name` in an object node: the last member so named, as JSON.parse keeps it. */
function member(object: Node, name: string): {key: Node; value: Node} | undefined {
  const members = object.children ?? []
  for (let i = members.length - 1; i >= 0; i--) {
    const [key, value] = members[i]!.children ?? []
    if (key?.value === name && value) return {key, value}
  }
  return undefined
}

function walk(root: Node | undefined, pointer: string): Reached {
  let node = root
  let key: Node | undefined
  for (const segment of pointerSegments(pointer)) {
    if (node?.type === 'object') {
      const found = member(node, segment)
      if (!found) break
      node = found.value
      key = found.key
    } else if (node?.type === 'array' && INDEX.test(segment)) {
      const element = node.children?.[Number(segment)]
      if (!element) break
      node = element
      key = undefined
    } else {
      break
    }
  }
  return {node, key}
}

/**
 * A JSON text's syntax tree, with values nested past the parser's depth blanked (json-depth.ts).
 * Built for text that has parsed; syntax errors are reported by json-syntax.ts, not here.
 */
export function parseJsonTree(text: string): Node | undefined {
  try {
    return parseTree(limitDepth(text).text, [], STRICT_JSON)
  } catch {
    // No input makes the parser throw once the depth is bounded; if one did, the document start is the answer.
    return undefined
  }
}

/** Finds pointers in one JSON text; the tree is built on the first call. */
export type JsonOffsetFinder = (pointer: string, options?: {key?: boolean}) => number

/**
 * The 0-based offset in `text` of the value at a pointer, or with `key` of the key naming it (the
 * place to point at for an unknown field). A pointer that leads nowhere gives its nearest existing
 * ancestor, and with `key` the key of the last member found on the way, as the YAML-based locator
 * in locate.ts does.
 */
export function jsonOffsetFinder(text: string, tree?: Node): JsonOffsetFinder {
  let root = tree
  let built = tree !== undefined
  return (pointer, options = {}) => {
    if (!built) {
      root = parseJsonTree(text)
      built = true
    }
    const {node, key} = walk(root, pointer)
    const target = options.key && key ? key : node
    return target?.offset ?? firstNonSpace(text)
  }
}

/** Where the document starts: a text that did not parse has no tree to point into. */
function firstNonSpace(text: string): number {
  const match = /[^ \t\n\r]/.exec(text)
  return match ? match.index : 0
}

/** One pointer in one text: jsonOffsetFinder for a single lookup. */
export function locatePointer(text: string, pointer: string, options: {key?: boolean} = {}): number {
  return jsonOffsetFinder(text)(pointer, options)
}
