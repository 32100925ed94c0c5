/**
 * The restricted evaluator for expressions that come from outside: learners' design documents and
 * `course calc eval`. Only arithmetic on numbers and units, a short list of functions and known
 * names; no assignment, no function definitions, no matrices or ranges, no access to mathjs'
 * meta functions (`import`, `createUnit`, `evaluate`, `parse`…), and limits on length and size so
 * evaluation always ends quickly.
 */
import type {MathNode, Unit} from 'mathjs'
import {quote} from '../text/learner-text.js'
import {math} from './math.js'

export const MAX_EXPRESSION_LENGTH = 300
const MAX_NODES = 120
const MAX_DEPTH = 24

const FUNCTIONS = new Set(['sqrt', 'cbrt', 'ceil', 'floor', 'round', 'abs', 'exp', 'log', 'log2', 'log10', 'min', 'max', 'pow', 'to', 'unitMult', 'unitPow'])
const OPERATORS = new Set(['+', '-', '*', '/', '^', '%', 'to'])
const CONSTANTS = new Set(['pi', 'e', 'Infinity'])
/** mathjs functions that must never run on outside input, disabled in the instance as a second line. */
const META = ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'simplifyConstant', 'simplifyCore', 'derivative', 'resolve', 'rationalize', 'reviver', 'replacer', 'parser']

export type Evaluated = {readonly ok: true; readonly value: Unit | number} | {readonly ok: false; readonly message: string}

let guarded: {parse: (text: string) => MathNode} | undefined

function guard(): {parse: (text: string) => MathNode} {
  if (guarded) return guarded
  const m = math()
  const parse = m.parse.bind(m)
  const blocked = (name: string) => () => {
    throw new Error(`${name} is disabled`)
  }
  m.import(Object.fromEntries(META.map((name) => [name, blocked(name)])), {override: true})
  guarded = {parse}
  return guarded
}

function isUnitName(name: string): boolean {
  try {
    return math().Unit.isValuelessUnit(name)
  } catch {
    return false
  }
}

/** Why a parsed expression is not allowed, or undefined when it is. */
function rejection(node: MathNode, scope: ReadonlySet<string>): string | undefined {
  let count = 0
  let problem: string | undefined
  const visit = (n: MathNode, depth: number): void => {
    if (problem) return
    if (++count > MAX_NODES) problem = 'the expression is too long'
    else if (depth > MAX_DEPTH) problem = 'the expression is nested too deeply'
    else {
      switch (n.type) {
        case 'ConstantNode':
        case 'ParenthesisNode':
          break
        case 'OperatorNode': {
          const op = (n as unknown as {op: string}).op
          const fn = (n as unknown as {fn: string}).fn
          if (!OPERATORS.has(op) && fn !== 'unaryMinus' && fn !== 'unaryPlus') problem = `\`${quote(op)}\` is not allowed`
          break
        }
        case 'SymbolNode': {
          const name = (n as unknown as {name: string}).name
          if (!CONSTANTS.has(name) && !scope.has(name) && !isUnitName(name)) problem = `\`${quote(name)}\` is not a unit or a known name`
          break
        }
        case 'FunctionNode': {
          const fn = (n as unknown as {fn: MathNode & {name?: string}}).fn
          if (fn.type !== 'SymbolNode' || !FUNCTIONS.has(fn.name ?? '')) problem = `the function \`${quote(fn.name ?? '?')}\` is not allowed`
          for (const arg of (n as unknown as {args: MathNode[]}).args) visit(arg, depth + 1)
          return
        }
        default:
          problem = `${n.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`
      }
      if (!problem) n.forEach((child) => visit(child, depth + 1))
    }
  }
  visit(node, 0)
  return problem
}

/**
 * Learner spellings mathjs reads differently: "20 min" means minutes (mathjs would take `min` for its
 * function unless it is called) and "$5" is 5 USD. Both patterns are linear: each `min` or `$` reads
 * only the run of spaces after it, and no run follows two of them. Exported so tests can run it on
 * text longer than the expression limit.
 */
export function spellForMathjs(text: string): string {
  return text.replace(/\bmins?\b(?!\s*\()/g, 'minute').replace(/\$\s*([\d.]+)/g, '$1 USD')
}

/** Evaluates a restricted expression with units; `scope` holds named values (numbers or units). */
export function evaluateExpression(text: string, scope: Readonly<Record<string, Unit | number>> = {}): Evaluated {
  if (text.length > MAX_EXPRESSION_LENGTH) return {ok: false, message: `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`}
  const {parse} = guard()
  const source = spellForMathjs(text)
  let node: MathNode
  try {
    node = parse(source)
  } catch (error) {
    // mathjs' message ends with "(char N)"; the pattern is anchored by that literal text.
    return {ok: false, message: `cannot read \`${quote(text)}\`: ${quote((error as Error).message.replace(/ \(char \d+\)$/, ''), 160)}`}
  }
  const problem = rejection(node, new Set(Object.keys(scope)))
  if (problem) return {ok: false, message: problem}
  try {
    const value = node.compile().evaluate({...scope}) as unknown
    if (typeof value === 'number') return Number.isNaN(value) ? {ok: false, message: 'the result is not a number'} : {ok: true, value}
    if (value && typeof value === 'object' && (value as {type?: string}).type === 'Unit') return {ok: true, value: value as Unit}
    return {ok: false, message: 'the result is not a number or a quantity'}
  } catch (error) {
    return {ok: false, message: quote((error as Error).message.replace(/^Units do not match.*/, 'the units do not match'), 160)}
  }
}
