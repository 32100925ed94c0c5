import type {HintCount} from '../../services/hint.js'

/**
 * What a failed check says about hints: how many are left and how to see the next, never the hints
 * themselves, which come one at a time so the count `course hint` keeps means something. Undefined
 * for a unit without hints.
 */
export function hintOffer(count: HintCount): string | undefined {
  if (count.total === 0) return undefined
  const left = Math.max(0, count.total - count.shown)
  if (left === 0) return `You have seen all ${count.total} hints; \`course hint ${count.unit}\` shows the last again.`
  const which = count.shown === 0 ? 'the first' : 'the next'
  return `Stuck? ${left} hint${left === 1 ? '' : 's'} left: \`course hint ${count.unit}\` shows ${which} (or h in \`course\`).`
}
