/**
 * Fitting text to terminal columns. A column is not a character: a CJK character or an emoji takes
 * two, a combining accent none, an ANSI colour code none, and an emoji with a skin tone or a family
 * joined by ZWJ is several code points shown as one. Everything that pads or cuts text for a
 * terminal measures it here. (Caps on learner text for safety count characters instead: see
 * learner-text.ts.)
 */
import cliTruncate from 'cli-truncate'
import stringWidth from 'string-width'

/** The ellipsis a cut ends with: one column. */
const ELLIPSIS = '…'

/** Columns `text` takes in a terminal; escape codes take none. */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

/**
 * `text` cut to at most `width` columns, ending in `…` when anything was cut. A cut never falls
 * inside a character, an emoji or an escape code, and colours open at the cut are closed after the
 * ellipsis.
 */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return ''
  if (displayWidth(text) <= width) return text
  // cli-truncate counts the columns it keeps, and a two-column character straddling the cut can
  // carry it one over (日本語 to 4 columns gives 日本… in 5); asking for one fewer fixes that.
  for (let room = width; room > 1; room--) {
    const cut = cliTruncate(text, room, {truncationCharacter: ELLIPSIS})
    if (displayWidth(cut) <= width) return cut
  }
  return ELLIPSIS
}

/** `text` cut to `width` columns as `truncateToWidth` does, then padded with spaces to fill them. */
export function fitToWidth(text: string, width: number): string {
  const cut = truncateToWidth(text, width)
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)))
}
