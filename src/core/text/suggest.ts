/** Edit distance (Levenshtein), small and allocation-light: used for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[b.length]!
}

/**
 * The closest candidate to `input`, if it is close enough to be a plausible typo:
 * at most a third of the longer word's letters differ (and never more than 3).
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase()
  const list = [...candidates]
  // A unique candidate that starts with what was typed is what was meant ("video" for "video-streaming", say).
  const prefixed = wanted.length >= 3 ? list.filter((c) => c.toLowerCase().startsWith(wanted)) : []
  if (prefixed.length === 1) return prefixed[0]
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of list) {
    const distance = editDistance(wanted, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined) return undefined
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(wanted.length, best.length) / 3)))
  return bestDistance <= limit ? best : undefined
}
