import {createHash, createHmac} from 'node:crypto'
import {randomFromBytes, type Random} from '../random.js'

/** The environment variable holding the instructor's grading secret. */
export const SECRET_VARIABLE = 'COURSE_GRADER_SECRET'

/**
 * How a run's hidden cases were seeded. The seed itself is never written anywhere: with it and the
 * public generators, a learner could rebuild their hidden inputs. The fingerprint lets an
 * instructor confirm that two runs used the same seed.
 */
export interface SeedInfo {
  readonly mode: 'secret' | 'unseeded'
  readonly fingerprint: string
}

export interface Seed {
  readonly bytes: Buffer
  readonly info: SeedInfo
}

/**
 * Per-learner hidden cases: HMAC(secret, learner · unit · grader version). Every learner gets
 * different inputs, and the same secret reproduces them exactly. Without a secret the inputs are
 * still per learner but predictable, and the report says so.
 */
export function deriveSeed(secret: string | undefined, learner: string, unit: string, graderVersion: string): Seed {
  const message = `${learner}\u0000${unit}\u0000${graderVersion}`
  const bytes = secret ? createHmac('sha256', secret).update(message).digest() : createHash('sha256').update(`unseeded\u0000${message}`).digest()
  const fingerprint = createHash('sha256').update(bytes).digest('hex').slice(0, 12)
  return {bytes, info: {mode: secret ? 'secret' : 'unseeded', fingerprint}}
}

/** An independent stream per case, so adding a case never changes another case's inputs. */
export function caseRandom(seed: Seed, caseName: string): Random {
  return randomFromBytes(createHmac('sha256', seed.bytes).update(caseName).digest())
}
