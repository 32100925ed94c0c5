import {describe, expect, it} from 'vitest'
import {scriptCheck, type ExpectedScript} from '../../../src/core/grading/script.js'

/** Two scripts: the first right, the second wrong at its second step. */
const input = {scripts: [{steps: [{call: 'a'}]}, {steps: [{call: 'b'}, {call: 'c'}]}]}
const output = {scripts: [{results: [{value: 1}]}, {results: [{value: 2}, {value: 4}]}]}
const judge = (second: ExpectedScript, visible = false) =>
  scriptCheck({input, output, expected: {scripts: [{results: [{value: 1}]}, second]}, params: {}, tolerance: 0, visible})

describe('labels in the script check', () => {
  it('name the rule of the wrong step, else the script’s situation, and never the inputs', () => {
    expect(judge({results: [{value: 2}, {value: 3}], labels: ['ties go first', 'late reports are ignored']}).detail).toBe(
      'late reports are ignored: the first wrong answer came from `c`: it gave a wrong result',
    )
    expect(judge({results: [{value: 2}, {value: 3}], about: 'in the episode of ids submitted twice'}).detail).toBe(
      'in the episode of ids submitted twice: the first wrong answer came from `c`: it gave a wrong result',
    )
  })

  it('leave unlabelled scripts as they were: named by their position', () => {
    expect(judge({results: [{value: 2}, {value: 3}]}).detail).toBe('object 2: the first wrong answer came from `c`: it gave a wrong result')
    expect(judge({results: [{value: 2}, {value: 3}], labels: [undefined, 'a rule']}, true).detail).toBe('a rule: step 2 (`c`): expected 3, got 4')
  })
})
