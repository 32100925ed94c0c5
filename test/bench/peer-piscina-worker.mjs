// A piscina task for the peer benchmark: busy for `ms` milliseconds (no timers), like course's workers.
export default function spin(ms) {
  const started = performance.now()
  let x = 0
  while (performance.now() - started < ms) x += Math.sqrt(x + 1)
  return x
}
