import {LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node} from 'yaml'

/**
 * A parsed document that can say where a JSON pointer sits in its source. YAML is a superset of
 * JSON, so one parser gives positions for both: the line and column a learner sees in an editor.
 */
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

/** Parses JSON or YAML text keeping source positions. Parse errors are left on `document.errors`. */
export function parseLocated(text: string): {document: Document; lineCounter: LineCounter; located: LocatedDocument} {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, keepSourceTokens: false, uniqueKeys: true})
  const located: LocatedDocument = {
    value: document.errors.length === 0 ? document.toJS({maxAliasCount: 100}) : undefined,
    locate: documentLocator(document, lineCounter),
  }
  return {document, lineCounter, located}
}
