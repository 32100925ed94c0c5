import {describe, expect, it} from 'vitest'
import {parseDocumentText} from '../../../src/core/documents/read.js'
import {validateDocument} from '../../../src/core/documents/validate.js'

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://course.invalid/test/policy.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['max_retries', 'backoff', 'strategy'],
  properties: {
    max_retries: {type: 'integer', minimum: 0, description: 'Retries after the first attempt.', examples: [5]},
    backoff: {
      type: 'object',
      additionalProperties: false,
      required: ['base', 'factor'],
      properties: {base: {type: 'string', 'x-unit': 'duration', description: 'First delay.', examples: ['10 s']}, factor: {type: 'number', examples: [2]}},
    },
    strategy: {enum: ['pull', 'push_least_loaded', 'round_robin'], description: 'How tasks reach workers.'},
    budget: {type: 'string', 'x-unit': 'money-rate', examples: ['50000 USD/month']},
  },
}

function problems(text: string) {
  const read = parseDocumentText(text)
  if (!read.ok) throw new Error(JSON.stringify(read.problems))
  return validateDocument(schema, read.value, read.locate).map((p) => `${p.line}:${p.column} ${p.pointer} ${p.message}${p.suggestion ? ` | ${p.suggestion}` : ''}`)
}

describe('validating a design document', () => {
  it('accepts a valid one', () => {
    expect(problems('max_retries: 3\nbackoff: {base: "1 s", factor: 2}\nstrategy: pull\nbudget: "20000 USD/month"\n')).toEqual([])
  })

  it('reports every problem at once, located, with suggestions', () => {
    expect(problems('max_retrys: 3\nbackoff:\n  base: 20\n  factor: 2\nstrategy: pul\nbudget: "50000 USD"\n')).toEqual([
      '1:1  missing required field `max_retries` | add `max_retries: 5`',
      '1:1 /max_retrys unknown field `max_retrys` | did you mean `max_retries`?',
      '3:9 /backoff/base `20` has no unit | expected a duration such as `20 min`',
      '5:11 /strategy must be one of `pull`, `push_least_loaded`, `round_robin` | did you mean `pull`?',
      '6:9 /budget `50000 USD` is not a price per time | expected a price per time such as `0.68 USD/hour`',
    ])
  })

  it('explains units it does not know and quantities of the wrong kind', () => {
    expect(problems('max_retries: 3\nbackoff: {base: "2 furlongs", factor: 2}\nstrategy: pull\n')).toEqual(['2:17 /backoff/base `furlongs` is not a unit course knows | expected a duration such as `20 min`'])
    expect(problems('max_retries: 3\nbackoff: {base: "10 m", factor: 2}\nstrategy: pull\n')).toEqual(['2:17 /backoff/base `10 m` is not a duration | expected a duration such as `20 min`'])
  })

  it('accepts a worked expression as a quantity', () => {
    expect(problems('max_retries: 3\nbackoff: {base: "2 * 30 s", factor: 2}\nstrategy: pull\n')).toEqual([])
  })
})
