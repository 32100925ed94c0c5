import {UserError} from '../errors.js'
import {firstDifference, show} from './compare.js'
import type {CaseDefinition, Check, CheckContext, Generated, GraderModule, Verdict} from './definition.js'
import type {ScriptOutput} from '../sandbox/drivers.js'
import {scriptCheck} from './script.js'
import {caseRandom, type Seed} from './seed.js'

/** A case ready to run: its input for the child and, kept here, what to judge it by. */
export interface PreparedCase {
  readonly definition: CaseDefinition
  readonly input: unknown
  readonly expected: unknown
}

/** Builds each case's input: the literal one, or its generator's from the case's own random stream. */
export function prepareCases(definitions: readonly CaseDefinition[], module: GraderModule, seed: Seed): PreparedCase[] {
  return definitions.map((definition) => {
    if (definition.generate === undefined) return {definition, input: watched(definition, definition.input), expected: definition.expect}
    const generator = module.generators?.[definition.generate]
    if (!generator) throw new UserError(`case \`${definition.name}\` names an unknown generator \`${definition.generate}\``, {code: 'grader-format'})
    const generated: Generated = generator(caseRandom(seed, definition.name), definition.params ?? {})
    return {definition, input: watched(definition, generated.input), expected: definition.expect ?? generated.expected}
  })
}

/** A case whose contract leaves arguments unchanged asks the script driver to watch them. */
function watched(definition: CaseDefinition, input: unknown): unknown {
  if (definition.arguments !== 'unchanged' || input === null || typeof input !== 'object') return input
  return {...input, watchArguments: true}
}

/** The first argument change a watching driver reported, in words; undefined when there was none. */
export function argumentChange(output: unknown): string | undefined {
  const outputs = Array.isArray((output as {scripts?: unknown})?.scripts) ? (output as {scripts: unknown[]}).scripts : [output]
  for (const [i, one] of outputs.entries()) {
    const changed = (one as ScriptOutput | undefined)?.changed
    const first = Array.isArray(changed) ? changed[0] : undefined
    if (!first || typeof first !== 'object') continue
    const call = typeof first.call === 'string' ? first.call.slice(0, 60) : 'a function'
    const where = typeof first.step === 'number' ? `step ${first.step}` : 'creating the object (it was changed later)'
    const label = outputs.length > 1 ? `object ${i + 1}: ` : ''
    return `${label}\`${call}\` changed its argument ${Number(first.argument)} (${where}); the contract says it leaves its arguments unchanged`
  }
  return undefined
}

/** The built-in check: the output equals the expectation (numbers within the tolerance). */
export const exact: Check = ({output, expected, tolerance, visible}) => {
  const difference = firstDifference(output, expected, tolerance)
  if (!difference) return {passed: true}
  if (!visible) return {passed: false}
  const where = difference.path ? ` at ${difference.path}` : ''
  return {passed: false, detail: `expected ${show(difference.expected)}${where}, got ${show(difference.actual)}`}
}

/** Checks every grader can name without code of its own. */
const BUILT_IN_CHECKS: Record<string, Check> = {exact, script: scriptCheck}

/** Judges one output with the case's check; a check that throws is a failure with its message. */
export function judge(prepared: PreparedCase, output: unknown, module: GraderModule): Verdict {
  const {definition} = prepared
  const name = definition.check ?? 'exact'
  const check = BUILT_IN_CHECKS[name] ?? module.checks?.[name]
  if (!check) throw new UserError(`case \`${definition.name}\` names an unknown check \`${name}\``, {code: 'grader-format'})
  const context: CheckContext = {
    input: prepared.input,
    output,
    expected: prepared.expected,
    params: definition.params ?? {},
    tolerance: definition.tolerance ?? 0,
    visible: definition.visibility === 'visible',
  }
  try {
    const verdict = check(context)
    if (!verdict.passed || definition.arguments !== 'unchanged') return verdict
    const change = argumentChange(output)
    return change ? {passed: false, detail: change} : verdict
  } catch (error) {
    // The output had a shape the check could not read: the learner's failure, not the grader's.
    return {passed: false, detail: definition.visibility === 'visible' ? `the output could not be read: ${(error as Error).message}` : undefined}
  }
}
