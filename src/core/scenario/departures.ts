/**
 * A design may assume figures other than the scenario's only by saying so: a `departures` list of
 * `{figure, value, reason}`. A departure with a reason lets the design's own figure stand in the
 * checks that compare restatements, and every departure is shown to a person in the reports; the
 * answers the README asks for are still judged against the scenario.
 */
export interface Departure {
  readonly figure: string
  readonly value: string
  readonly reason: string
}

/** The departures a document declares, each with a reason that says something. */
export function departuresOf(document: unknown): Departure[] {
  const list = (document as {departures?: unknown} | null)?.departures
  if (!Array.isArray(list)) return []
  return list.flatMap((item) => {
    const {figure, value, reason} = (item ?? {}) as Record<string, unknown>
    if (typeof figure !== 'string' || typeof reason !== 'string' || reason.trim() === '') return []
    return [{figure, value: typeof value === 'string' || typeof value === 'number' ? String(value) : '', reason: reason.trim()}]
  })
}

export function departsFrom(document: unknown, figure: string): boolean {
  return departuresOf(document).some((d) => d.figure === figure)
}
