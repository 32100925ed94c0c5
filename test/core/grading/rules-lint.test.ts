import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {GraderDefinition} from '../../../src/core/grading/definition.js'
import {lintRules, normaliseForQuote} from '../../../src/core/grading/rules-lint.js'
import {tempDir} from '../../helpers/temp.js'

function unit(readme: string, starter: string): string {
  const dir = tempDir()
  writeFileSync(path.join(dir, 'README.md'), readme)
  mkdirSync(path.join(dir, 'starter'))
  writeFileSync(path.join(dir, 'starter', 'thing.ts'), starter)
  return dir
}

const README = 'Ties go to the server **listed first**.\n\nReleasing a server with nothing\nactive throws.\n'
const STARTER = '/**\n * Returns the owner of `key`: the first point at or\n * after its position, wrapping around.\n */\nexport function lookup() {}\n'

function grader(rules: GraderDefinition['rules'], covers: string[][]): GraderDefinition {
  return {
    format_version: 1,
    unit: 'thing',
    version: '1.0.0',
    code: {entry: 'thing.ts'},
    ...(rules ? {rules} : {}),
    cases: covers.map((c, i) => ({name: `case-${i}`, title: 'a case title', points: 1, visibility: 'visible', failure: 'it failed somehow', hint: 'a hint for it', covers: c})),
  }
}

function lint(definition: GraderDefinition, dir = unit(README, STARTER)) {
  const source = JSON.stringify(definition, null, 2)
  return lintRules('graders/thing/grader.json', source, definition, dir)
}

describe('a grader’s rules', () => {
  const rules = [
    {id: 'ties-first', rule: 'Ties go to the server listed first.', quote: 'ties go to the server listed first'},
    {id: 'release-idle-throws', rule: 'Releasing an idle server throws.', quote: 'releasing a server with nothing active throws'},
    {id: 'ring-wraps', rule: 'A lookup wraps around the ring.', quote: 'the first point at or after its position, wrapping around'},
  ]

  it('pass when every rule is quoted from the README or the starter and covered', () => {
    expect(lint(grader(rules, [['ties-first'], ['release-idle-throws', 'ring-wraps']]))).toEqual([])
  })

  it('name each rule no case covers, located at the rule', () => {
    const problems = lint(grader(rules, [['ties-first']]))
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no case covers rule release-idle-throws'), expect.stringContaining('no case covers rule ring-wraps')])
    expect(problems[0]!.line).toBeGreaterThan(1)
  })

  it('refuse a quote the unit does not contain, and a covered rule that does not exist', () => {
    const invented = [...rules, {id: 'invented', rule: 'Something nobody promised.', quote: 'the balancer also makes coffee'}]
    const messages = lint(grader(invented, [['ties-first', 'release-idle-throws', 'ring-wraps', 'invented', 'typo-rule']])).map((p) => p.message)
    expect(messages).toEqual([expect.stringContaining('quote of rule invented'), expect.stringContaining('covers typo-rule')])
  })

  it('refuse a rule listed twice', () => {
    expect(lint(grader([rules[0]!, rules[0]!], [['ties-first']])).map((p) => p.message)).toEqual([expect.stringContaining('listed twice')])
  })

  it('are required of a grader with a code part', () => {
    expect(lint(grader(undefined, [[]])).map((p) => p.message)).toEqual([expect.stringContaining('lists no `rules`')])
  })

  it('match quotes whatever the layout: emphasis, code marks, comment leaders and line breaks', () => {
    expect(normaliseForQuote(' * the **first** point at\n * or `after`')).toBe('the first point at or after')
  })
})
