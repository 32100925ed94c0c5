/**
 * V8 flags that make a sandboxed child cheaper to run.
 *
 * Graded code runs for a fraction of a second: too short for V8's optimising compiler to repay
 * its work, which happens on background threads but is billed to the same two cores as the rest
 * of the class. Measured on Node 20: a child running a reference solution's hashing-ring cases
 * used 150 ms of CPU, about 40 of them optimising code that then ran for milliseconds; with the
 * budget before a function is optimised raised 30 times, 106 ms. A loop that really is hot is
 * still optimised, only a little later. V8 12 (Node 22) tiers by invocation counts instead and
 * rejects this flag, so it is given only to the V8 that has it.
 */
export function tieringFlags(v8Version: string = process.versions.v8): string[] {
  const major = Number.parseInt(v8Version, 10)
  return major <= 11 ? ['--interrupt-budget=2000000'] : []
}
