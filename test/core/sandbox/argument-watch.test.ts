import {describe, expect, it} from 'vitest'
import {argumentChange, judge} from '../../../src/core/grading/cases.js'
import type {CaseDefinition} from '../../../src/core/grading/definition.js'
import {runScript, scriptDriver} from '../../../src/core/sandbox/drivers.js'

/** A module with a pure function, one that sorts its argument in place, and a factory that keeps its list and sorts it later. */
const module = {
  total: (xs: number[]) => xs.reduce((a, b) => a + b, 0),
  sortedInPlace: (xs: number[]) => xs.sort((a, b) => a - b),
  renames: (task: {id: string; tries?: number}) => {
    task.tries = (task.tries ?? 0) + 1
    return task.id
  },
  createKeeper: (servers: string[]) => ({
    first: () => servers.sort()[0],
  }),
}

describe('watching arguments', () => {
  it('reports nothing for calls that only read their arguments, and nothing unless asked', () => {
    expect(runScript(module, {watchArguments: true, steps: [{call: 'total', args: [[3, 1, 2]]}]}).changed).toBeUndefined()
    expect(runScript(module, {steps: [{call: 'sortedInPlace', args: [[3, 1, 2]]}]}).changed).toBeUndefined()
  })

  it('names the call, the step and the argument a call changed, in repeat and map steps too', () => {
    const output = runScript(module, {
      watchArguments: true,
      steps: [{call: 'total', args: [[1]]}, {map: 'renames', over: [[{id: 'a'}]]}, {repeat: 2, call: 'sortedInPlace', args: [[2, 1]]}],
    })
    expect(output.changed).toEqual([
      {call: 'renames', step: 2, argument: 1},
      {call: 'sortedInPlace', step: 3, argument: 1},
      {call: 'sortedInPlace', step: 3, argument: 1},
    ])
    // The results are what the calls returned: watching changes no answer.
    expect(output.results[0]).toEqual({value: 1})
  })

  it('catches a factory that keeps its list and changes it later', () => {
    const output = runScript(module, {watchArguments: true, create: {export: 'createKeeper', args: [['c', 'a', 'b']]}, steps: [{call: 'first'}]})
    expect(output.changed).toEqual([{call: 'createKeeper', argument: 1}])
  })

  it('still sees a change when the learner patched the methods a watch would use', () => {
    const saved = {has: Set.prototype.has, push: Array.prototype.push, findIndex: Array.prototype.findIndex, map: Array.prototype.map}
    const hostile = {
      // Step 1 patches (and changes nothing); step 2 writes to its argument; step 3 puts everything back.
      patch: () => {
        Set.prototype.has = () => true
        Array.prototype.push = function () {
          return this.length
        }
        Array.prototype.findIndex = () => -1
      },
      sortedInPlace: (xs: number[]) => xs.sort(),
      restore: () => Object.assign(Set.prototype, {has: saved.has}) && Object.assign(Array.prototype, {push: saved.push, findIndex: saved.findIndex, map: saved.map}),
    }
    const output = runScript(hostile, {watchArguments: true, steps: [{call: 'patch'}, {call: 'sortedInPlace', args: [[3, 1]]}, {call: 'restore'}]})
    expect(output.changed).toEqual([{call: 'sortedInPlace', step: 2, argument: 1}])
  })

  it('passes the request to every script of a many-script input', () => {
    const output = scriptDriver(module, {watchArguments: true, scripts: [{steps: [{call: 'total', args: [[1]]}]}, {steps: [{call: 'sortedInPlace', args: [[2, 1]]}]}]}) as {scripts: unknown[]}
    expect(argumentChange(output)).toBe('object 2: `sortedInPlace` changed its argument 1 (step 1); the contract says it leaves its arguments unchanged')
  })

  it('fails a case whose contract leaves arguments unchanged, and only such a case', () => {
    const definition: CaseDefinition = {name: 'c', title: 'a case', points: 1, visibility: 'hidden', check: 'script', failure: 'the failure', hint: 'the hint'}
    const input = {steps: [{call: 'sortedInPlace', args: [[2, 1]]}]}
    const output = runScript(module, {...input, watchArguments: true})
    const expected = {results: [{value: [1, 2]}]}
    expect(judge({definition, input, expected}, output, {}).passed).toBe(true)
    const verdict = judge({definition: {...definition, arguments: 'unchanged'}, input, expected}, output, {})
    expect(verdict).toEqual({passed: false, detail: expect.stringContaining('`sortedInPlace` changed its argument 1 (step 1)')})
  })
})
