/**
 * A parsed document that can say where a JSON pointer sits in its source: the line and column a
 * reader sees in an editor. YAML documents are located here, on the `yaml` package's nodes; JSON
 * files on jsonc-parser's tree (json-document.ts).
 */
import {isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node} from 'yaml'

export interface LocatedDocument {
  readonly value: unknown
  /** 1-based line and column of the node at `pointer`, or of its nearest existing ancestor. */
  locate(pointer: string, options?: {key?: boolean}): {line: number; column: number}
}

/**
 * A JSON pointer's segments. Document checks look values up by pointer thousands of times in a
 * class; pointers rarely hold the `~0`/`~1` escapes, so unescaping is skipped when there is no `~`.
 */
export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return []
  const parts = (pointer.startsWith('/') ? pointer.slice(1) : pointer).split('/')
  return pointer.includes('~') ? parts.map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')) : parts
}

/** Locates pointers in a document the `yaml` package parsed with `lineCounter`. */
export function documentLocator(document: Document, lineCounter: LineCounter): LocatedDocument['locate'] {
  return (pointer, options = {}) => {
    let node: unknown = document.contents
    let keyNode: unknown
    for (const segment of splitPointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment)
        if (!pair) break
        keyNode = pair.key
        node = pair.value
      } else if (isSeq(node)) {
        const next = node.items[Number(segment)]
        if (next === undefined) break
        keyNode = undefined
        node = next
      } else {
        break
      }
    }
    const target = (options.key && keyNode ? keyNode : node ?? keyNode) as Node | undefined
    const offset = target?.range?.[0] ?? 0
    const position = lineCounter.linePos(offset)
    return {line: position.line, column: position.col}
  }
}
