/**
 * How the hot set's reads spread over its keys, the celebrity apart. The unit's scenario says only
 * that the hot set gets its share of the reads; spread evenly, that is the text's arithmetic. A
 * Zipf law over the hot set puts more of it on a few keys, which is where hashing stops helping.
 */
export const SKEWS = ['even', 'zipf-0.6', 'zipf-0.8', 'zipf-1'] as const
export type Skew = (typeof SKEWS)[number]

/** The read rates of `keys` keys, most popular first, adding up to `total`. */
export function hotKeyRates(skew: Skew, keys: number, total: number): Float64Array {
  const rates = new Float64Array(keys)
  if (keys === 0 || total <= 0) return rates
  if (skew === 'even') return rates.fill(total / keys)
  const exponent = Number(skew.slice('zipf-'.length))
  let sum = 0
  for (let rank = 0; rank < keys; rank++) {
    rates[rank] = (rank + 1) ** -exponent
    sum += rates[rank]!
  }
  for (let rank = 0; rank < keys; rank++) rates[rank] = (rates[rank]! * total) / sum
  return rates
}
