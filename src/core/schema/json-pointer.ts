/**
 * JSON pointer syntax (RFC 6901) without a parser behind it, so code on the startup path can name
 * and find a place in a document without loading one.
 */

/**
 * A key as one segment of a pointer: `~` becomes `~0` and `/` becomes `~1`, in that order (the
 * other order would turn `/` into `~01`).
 */
export function escapePointerSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key
}

/**
 * A pointer's segments, unescaped: `''` is the document itself and `/` its key `''`, as RFC 6901
 * says. A pointer missing its leading `/` is read as if it had one.
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return []
  const parts = (pointer.startsWith('/') ? pointer.slice(1) : pointer).split('/')
  // `~1` first: unescaping `~0` first would turn `~01` (a literal `~1`) into `/`.
  return pointer.includes('~') ? parts.map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')) : parts
}
