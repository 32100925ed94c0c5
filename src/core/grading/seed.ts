import {createHash, createHmac} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {UserError} from '../errors.js'
import {randomFromBytes, type Random} from '../random.js'

/** The environment variable holding the instructor's grading secret. */
export const SECRET_VARIABLE = 'COURSE_GRADER_SECRET'

/**
 * The grading secret: from a file when one is named (where there is no secret store, such as a
 * Gradescope autograder), else from the environment; undefined when neither holds one.
 *
 * It is read once, and the variable is removed from this process's environment at once, before
 * anything starts a child process or a thread: the bundler's helper process and the document
 * threads inherit the environment, and nothing of the grader's should carry the secret but the
 * one value returned here.
 */
export function takeSecret(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnvironment = env[SECRET_VARIABLE] || undefined
  delete env[SECRET_VARIABLE]
  if (file === undefined) return fromEnvironment
  let text: string
  try {
    if (!statSync(file).isFile()) throw new Error('not a file')
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`cannot read the secret file ${file}`, {code: 'secret-file', exitCode: 2, next: ['Check the path given to --secret-file.']})
  }
  const secret = text.trim()
  if (!secret) throw new UserError(`the secret file ${file} is empty`, {code: 'secret-file', exitCode: 2, next: ['Write the secret into it, e.g. `openssl rand -hex 32 > FILE`.']})
  return secret
}

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
