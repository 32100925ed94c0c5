import {describe, expect, it} from 'vitest'
import type {CaseDefinition, GraderModule} from '../../../src/core/grading/definition.js'
import {judgeDocumentPart} from '../../../src/core/grading/document-part.js'
import {readScenario} from '../../../src/core/scenario/scenario.js'
import {designCheck} from '../../../src/kit/design.js'

const schema = {
  type: 'object',
  properties: {
    load: {type: 'string', 'x-unit': 'rate'},
    cores: {type: ['number', 'string'], 'x-unit': 'count'},
    wait: {type: 'string', 'x-unit': 'duration'},
    departures: {type: 'array'},
  },
}
const scenario = readScenario({figures: {load: {label: 'Load', value: '1000 req/s', kind: 'rate', tolerance: 0.02}, cpu: {label: 'CPU per request', value: '2 ms', kind: 'duration'}}}).scenario!

const module: GraderModule = {
  documentChecks: {
    // The cores a design needs, computed from the load it restates: pinned to the scenario.
    sizing: designCheck((design) => {
      const load = design.restated('/load', 'load')
      const cores = design.need('/cores', 'count')
      if (cores !== undefined) design.agree({pointer: '/cores', stated: cores, computed: load * design.figure('cpu'), tolerance: 0.05})
    }),
    waits: designCheck((design) => {
      design.need('/wait', 'duration')
    }),
  },
}

const cases: CaseDefinition[] = [
  {name: 'valid', title: 'valid', points: 1, visibility: 'visible', check: 'valid', failure: 'invalid'},
  {name: 'cores-estimate', title: 'cores', points: 1, visibility: 'visible', check: 'estimate', params: {path: '/cores', kind: 'count', formula: 'load * cpu'}, requires: ['valid'], failure: 'cores wrong'},
  {name: 'sizing', title: 'sizing', points: 1, visibility: 'visible', check: 'sizing', reads: ['/load', '/cores'], requires: ['valid'], failure: 'sizing wrong'},
  {name: 'waits', title: 'waits', points: 1, visibility: 'visible', check: 'waits', requires: ['valid'], failure: 'wait wrong'},
] as CaseDefinition[]

function grade(yaml: string) {
  const part = judgeDocumentPart({files: new Map([['design.yaml', Buffer.from(yaml)]]), entry: 'design.yaml', schema, module, definitions: cases, label: 'unit/', scenario})
  return Object.fromEntries(part.cases.map((c) => [c.name, `${c.status}${c.status === 'passed' ? '' : `: ${c.feedback}`}`]))
}

describe('a design judged against its scenario', () => {
  it('passes the reference figures, in words or symbols', () => {
    expect(grade('load: 1000 requests per second\ncores: 2\nwait: 1 s\n')).toEqual({valid: 'passed', 'cores-estimate': 'passed', sizing: 'passed', waits: 'passed'})
  })

  it('fails a design that shrinks the load and recomputes consistently', () => {
    const verdicts = grade('load: 100 req/s\ncores: 0.2\nwait: 1 s\n')
    expect(verdicts.sizing).toMatch(/failed: .*design\.yaml:1:7 \/load: the scenario says 1000 req\/s/s)
    expect(verdicts['cores-estimate']).toMatch(/^failed/)
  })

  it('lets a declared departure stand in the sizing, but not in the answer the scenario asks for', () => {
    const verdicts = grade('load: 2000 req/s\ncores: 4\nwait: 1 s\ndepartures:\n  - {figure: load, value: 2000 req/s, reason: launch day doubles the traffic}\n')
    expect(verdicts.sizing).toBe('passed')
    expect(verdicts['cores-estimate']).toMatch(/^failed/)
  })
})

describe('a schema problem', () => {
  it('skips only the cases that read the field it is in', () => {
    const verdicts = grade('load: 1000 req/s\ncores: 2\nwait: 12\n')
    expect(verdicts.valid).toMatch(/^failed/)
    expect(verdicts['cores-estimate']).toBe('passed')
    expect(verdicts.sizing).toBe('passed')
    // A case that does not say what it reads is held back by any schema problem, as before.
    expect(verdicts.waits).toMatch(/^skipped/)
  })

  it('skips a case whose own field is wrong', () => {
    const verdicts = grade('load: 1000 req/s\ncores: lots\nwait: 1 s\n')
    expect(verdicts['cores-estimate']).toMatch(/^skipped/)
    expect(verdicts.sizing).toMatch(/^skipped/)
    expect(verdicts.waits).toMatch(/^skipped/)
  })

  it('skips every case that requires the schema check when the problems are too many to list', () => {
    // More problems than are listed: the unlisted ones could be in any field.
    const extra = Array.from({length: 60}, (_, i) => `extra_${i}: {}`).join('\n')
    const strict = {...schema, additionalProperties: {type: 'string'}}
    const part = judgeDocumentPart({files: new Map([['design.yaml', Buffer.from(`load: 1000 req/s\ncores: 2\nwait: 1 s\n${extra}\n`)]]), entry: 'design.yaml', schema: strict, module, definitions: cases, label: 'unit/', scenario})
    expect(part.cases.filter((c) => c.name !== 'valid').map((c) => c.status)).toEqual(['skipped', 'skipped', 'skipped'])
  })
})
