/** The counts a mutation report leads with. Equivalent and ignored mutants are outside the score. */
export interface MutationCounts {
  readonly killed: number
  readonly survived: number
  readonly equivalent: number
  readonly ignored: number
  readonly total: number
  /** killed / (killed + survived); 1 when there is nothing left to kill. */
  readonly score: number
}

export function summarise(mutants: readonly {readonly status: 'killed' | 'survived' | 'equivalent' | 'ignored'}[]): MutationCounts {
  const count = (status: string) => mutants.filter((m) => m.status === status).length
  const killed = count('killed')
  const survived = count('survived')
  return {killed, survived, equivalent: count('equivalent'), ignored: count('ignored'), total: mutants.length, score: killed + survived === 0 ? 1 : killed / (killed + survived)}
}

/** A score as authors read it: one decimal place, never rounded up to 100 % while something survives. */
export function percent(score: number): string {
  const tenths = Math.floor(score * 1000) / 10
  return `${tenths.toFixed(1)} %`
}
