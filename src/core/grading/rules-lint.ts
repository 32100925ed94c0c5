/**
 * A grader's rules against its unit's text and its cases. A score means something only when every
 * rule the unit states is checked for every learner: so each rule in `rules` must quote the words of
 * the README or of the starter's contract comments that promise it (a reviewer can then find the
 * promise, and a rule nobody stated cannot slip in), and must be covered by at least one case.
 * Which rules the text states at all is a reviewer's judgement; this only keeps the list honest.
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import type {ContentProblem} from '../catalog/lint.js'
import {jsonOffsetFinder} from '../schema/json-locate.js'
import {positionFinder} from '../schema/text-position.js'
import type {GraderDefinition} from './definition.js'

/**
 * The text as a quote is matched against it: lower case, without markdown emphasis or code marks,
 * comment leaders or line breaks, runs of space as one. Authors copy a phrase from a rendered
 * sentence or from a wrapped comment; neither should have to match the source's layout.
 */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/^\s*(\/\/+|\/?\*+\/?|#+|>)\s?/gm, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** The unit's text a rule may quote: its README and the starter's files (their contract comments). */
export function unitText(unitDir: string): string {
  const parts: string[] = []
  const readme = path.join(unitDir, 'README.md')
  if (existsSync(readme)) parts.push(readFileSync(readme, 'utf8'))
  const starter = path.join(unitDir, 'starter')
  if (existsSync(starter)) {
    for (const name of readdirSync(starter).sort()) {
      if (/\.(ts|js|md)$/.test(name) && !name.includes('.test.')) parts.push(readFileSync(path.join(starter, name), 'utf8'))
    }
  }
  return normaliseForQuote(parts.join('\n'))
}

/**
 * Problems with a grader's rules, located in its grader.json: duplicate ids, quotes the unit's
 * text does not contain, cases covering rules that do not exist, and rules no case covers. A code
 * unit must list its rules at all: without them nothing says what its cases owe the learner.
 */
export function lintRules(file: string, source: string, grader: GraderDefinition, unitDir: string): ContentProblem[] {
  const problems: ContentProblem[] = []
  const offsetOf = jsonOffsetFinder(source)
  const positionOf = positionFinder(source)
  const at = (pointer: string, message: string, suggestion?: string) => {
    const {line, column} = positionOf(offsetOf(pointer))
    problems.push({file, line, column, message, ...(suggestion ? {suggestion} : {})})
  }
  const rules = grader.rules ?? []
  if (grader.code && rules.length === 0) {
    at('', 'a grader with a code part lists no `rules`: every rule the unit states needs a named rule and a case that covers it')
    return problems
  }
  const text = rules.length > 0 ? unitText(unitDir) : ''
  const seen = new Set<string>()
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) at(`/rules/${i}/id`, `the rule id ${rule.id} is listed twice`)
    seen.add(rule.id)
    if (!text.includes(normaliseForQuote(rule.quote))) {
      at(`/rules/${i}/quote`, `the quote of rule ${rule.id} is not in the unit's README or starter`, 'copy the words that state the rule (case, emphasis, backquotes and line breaks do not matter)')
    }
  })
  const covered = new Set<string>()
  grader.cases.forEach((c, i) => {
    for (const [j, id] of (c.covers ?? []).entries()) {
      if (seen.has(id)) covered.add(id)
      else at(`/cases/${i}/covers/${j}`, `case ${c.name} covers ${id}, which is not one of the grader's rules`)
    }
  })
  rules.forEach((rule, i) => {
    if (!covered.has(rule.id)) at(`/rules/${i}`, `no case covers rule ${rule.id} ("${rule.rule}")`, 'name it in the `covers` of the case whose scripted part exercises it for every learner')
  })
  return problems
}
