import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {SECRET_VARIABLE, takeSecret} from '../../../src/core/grading/seed.js'
import {tempDir} from '../../helpers/temp.js'

/** The secret is read once and leaves the environment, so no process started later can inherit it. */
describe('takeSecret', () => {
  it('takes the secret from the environment and removes it there', () => {
    const env: NodeJS.ProcessEnv = {[SECRET_VARIABLE]: 's3cret', OTHER: 'kept'}
    expect(takeSecret(undefined, env)).toBe('s3cret')
    expect(env).toEqual({OTHER: 'kept'})
  })

  it('prefers the file, and still removes the variable', () => {
    const file = path.join(tempDir(), 'secret')
    writeFileSync(file, 'from-file\n')
    const env: NodeJS.ProcessEnv = {[SECRET_VARIABLE]: 'from-env'}
    expect(takeSecret(file, env)).toBe('from-file')
    expect(env[SECRET_VARIABLE]).toBeUndefined()
  })

  it('refuses a secret file that is not a regular file, without waiting on it', () => {
    expect(() => takeSecret(tempDir(), {})).toThrow(/cannot read the secret file/)
  })
})
