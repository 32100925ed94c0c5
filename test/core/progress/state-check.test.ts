import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {UserError} from '../../../src/core/errors.js'
import {checkState, describeStateProblem} from '../../../src/core/progress/state-check.js'
import {MAX_DATE_LENGTH, MAX_HINTS_SHOWN, MAX_SCORE, MAX_STATE_UNITS, STATE_SCHEMA} from '../../../src/core/progress/state-schema.js'
import {STATE_PATH, parseState} from '../../../src/core/progress/state.js'
import {jsonOffsetFinder} from '../../../src/core/schema/json-locate.js'
import {schemaProblems, type SchemaProblem} from '../../../src/core/schema/problems.js'
import {offsetToPosition} from '../../../src/core/schema/text-position.js'
import {anyText, layouts, segment, toNode, writeJson, type JsonNode} from '../schema/json-text.js'

/**
 * The hand-written state checker against STATE_SCHEMA compiled by ajv, the format's definition:
 * generated states, valid and broken in every way the schema words, must get the same verdict and
 * the same problems in the same order, and every problem must be located at the key or value the
 * text really has there.
 */

const RUNS = 3000

/** What ajv's problem says once put in a state file's terms (the words the messages used with ajv). */
interface Expected {
  readonly line: string
  readonly target: string
  readonly key: boolean
}

function oracle(value: unknown, seen?: Set<string>): Expected[] {
  return schemaProblems(STATE_SCHEMA, value).map((problem: SchemaProblem) => {
    const {pointer, keyword, params} = problem
    seen?.add(`${keyword} ${String(params.type ?? params.limit ?? '')}`.trim())
    const unknownKey = keyword === 'additionalProperties'
    const name = String(params.additionalProperty)
    // The schema module points at an unknown key by its escaped segment; the state's message shows it as written.
    const parent = unknownKey ? pointer.slice(0, -segment(name).length - 1) : pointer
    const shown = unknownKey ? `${parent}/${name}` : pointer
    let words = problem.message
    if (unknownKey && parent === '/units') words = `\`${name}\` is not a unit id (lowercase letters, digits and dashes, at most 64 characters)`
    else if (keyword === 'maxProperties' && pointer === '/units') words = `records more than ${MAX_STATE_UNITS} units, more than any course has`
    return {line: `${shown || '(document)'}: ${words}`, target: pointer, key: unknownKey}
  })
}

// Dates: ISO timestamps, and strings around the 64-character cap counted in code points (an
// emoji is one character; a lone surrogate is one too, and two lone halves in a row make a pair).
const characters = (min: number, max: number) =>
  fc.array(fc.constantFrom('a', '😀', '\ud800', '\udc00', 'é', '"', '\\'), {minLength: min, maxLength: max}).map((parts) => parts.join(''))
const iso = fc.date({noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(2200, 0, 1))}).map((d) => d.toISOString())
/** Dates the schema takes: at most 64 characters, however many UTF-16 units they need. */
const date = fc.oneof(iso, iso, iso, fc.string({maxLength: 64}), characters(56, 64))
/** Dates on either side of the cap. */
const anyDate = fc.oneof(date, characters(60, 68), anyText({minLength: 60, maxLength: 68}))

const unitId = fc.stringMatching(/^[a-z][a-z0-9-]{0,63}$/)
const score = fc.oneof(fc.integer({min: 0, max: MAX_SCORE}), fc.double({min: 0, max: MAX_SCORE, noNaN: true}))
const unitProgress = fc.record(
  {
    started_at: date,
    hints_shown: fc.oneof(fc.integer({min: 0, max: MAX_HINTS_SHOWN}), fc.constantFrom(0, MAX_HINTS_SHOWN)),
    solution_opened: fc.record({at: date, forced: fc.boolean()}),
    read_at: date,
    passed_at: date,
    last_check: fc.record({at: date, status: fc.constantFrom('pass', 'fail', 'error'), score, max_score: score}),
  },
  {requiredKeys: ['hints_shown']},
)
/** A units map around MAX_STATE_UNITS entries. */
const crowd = fc.integer({min: MAX_STATE_UNITS - 3, max: MAX_STATE_UNITS + 3}).map((count) => Object.fromEntries(Array.from({length: count}, (_, i) => [`u${i}`, {hints_shown: i % 3}])))
const validState = fc.record({
  format_version: fc.constant(1),
  created_at: date,
  units: fc.oneof({arbitrary: fc.dictionary(unitId, unitProgress, {maxKeys: 6}), weight: 9}, {arbitrary: crowd, weight: 1}),
})

/** Numbers as the text writes them, around every bound: `1e400` parses to Infinity, `-0` to -0. */
const numberText = fc.constantFrom('-1', '-0', '0', '0.0', '1', '1.5', '-0.5', '2', '100', '1000', '1000.0', '1e3', '1E3', '1001', '1e400', '-1e400', '1e-400', '999999.5', '1000000', '1000000.5', '1000001', '1e7', '12345678', '0.1e1')
/** Objects deeper than anything the checker walks into. */
const deep = fc.tuple(fc.integer({min: 1, max: 300}), fc.boolean()).map(([depth, arrays]): JsonNode => {
  let node: JsonNode = {kind: 'scalar', text: 'null'}
  for (let i = 0; i < depth; i++) node = arrays ? {kind: 'array', items: [node]} : {kind: 'object', entries: [['x', node]]}
  return node
})
const junk: fc.Arbitrary<JsonNode> = fc.oneof(
  numberText.map((text): JsonNode => ({kind: 'scalar', text})),
  fc.constantFrom(true, false, null, '', 'pass', 'fail', 'error', 'Pass', [], {}, [1], {hints_shown: 0}).map(toNode),
  anyDate.map(toNode),
  fc.string({maxLength: 80}).map(toNode),
  fc.jsonValue({maxDepth: 3}).map(toNode),
  unitProgress.map(toNode),
  deep,
  crowd.map(toNode),
)
const oddKey = fc.oneof(
  fc.constantFrom('evil', '../lb', 'a/b', '~', '~1', '~0/', '', '__proto__', 'constructor', 'toString', 'LB', '9lb', 'lb\n', 'lb ', '-lb', 'lb-', 'a'.repeat(64), 'a'.repeat(65), '0', '12', 'é', 'lb😀'),
  fc.constantFrom('format_version', 'created_at', 'units', 'hints_shown', 'started_at', 'read_at', 'passed_at', 'solution_opened', 'last_check', 'at', 'forced', 'status', 'score', 'max_score'),
  unitId,
  fc.string({maxLength: 8}),
  anyText({maxLength: 4}),
)

/** Scalars to put where a scalar was: numbers at every bound, dates either side of the cap, other types. */
const scalar: fc.Arbitrary<JsonNode> = fc.oneof(
  {arbitrary: numberText.map((text): JsonNode => ({kind: 'scalar', text})), weight: 3},
  anyDate.map(toNode),
  fc.constantFrom(true, false, null, 'pass', 'x', 1).map(toNode),
)

type Mutation =
  | {readonly kind: 'replace'; readonly pick: number; readonly value: JsonNode}
  | {readonly kind: 'rescalar'; readonly pick: number; readonly value: JsonNode}
  | {readonly kind: 'delete'; readonly pick: number}
  | {readonly kind: 'add'; readonly pick: number; readonly place: number; readonly key: string; readonly value: JsonNode}
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({kind: fc.constant('replace' as const), pick: fc.nat(), value: junk}),
  {arbitrary: fc.record({kind: fc.constant('rescalar' as const), pick: fc.nat(), value: scalar}), weight: 2},
  fc.record({kind: fc.constant('delete' as const), pick: fc.nat()}),
  fc.record({kind: fc.constant('add' as const), pick: fc.nat(), place: fc.nat(), key: oddKey, value: fc.oneof(junk, unitProgress.map(toNode))}),
)

type Mutable = {kind: 'object'; entries: Array<[string, Mutable]>} | {kind: 'array'; items: Mutable[]} | {kind: 'scalar'; text: string}

/** Every node of the tree with its parent and its place there (the root has none). */
function nodesOf(root: Mutable): Array<{node: Mutable; parent?: Mutable; index?: number}> {
  const found: Array<{node: Mutable; parent?: Mutable; index?: number}> = [{node: root}]
  for (let i = 0; i < found.length; i++) {
    const {node} = found[i]!
    if (node.kind === 'object') node.entries.forEach(([, inner], index) => found.push({node: inner, parent: node, index}))
    if (node.kind === 'array') node.items.forEach((inner, index) => found.push({node: inner, parent: node, index}))
  }
  return found
}

/** The tree with each object's members in an order drawn from `seed` (ajv reports in the schema's order, not the file's). */
function shuffled(node: Mutable, seed: number): Mutable {
  let state = seed >>> 0 || 1
  const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0)
  for (const {node: inner} of nodesOf(node)) {
    if (inner.kind !== 'object') continue
    for (let i = inner.entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1)
      ;[inner.entries[i], inner.entries[j]] = [inner.entries[j]!, inner.entries[i]!]
    }
  }
  return node
}

function mutate(root: Mutable, change: Mutation): Mutable {
  const all = nodesOf(root)
  if (change.kind === 'replace') {
    const {parent, index} = all[change.pick % all.length]!
    const value = structuredClone(change.value) as Mutable
    if (!parent) return value
    if (parent.kind === 'object') parent.entries[index!]![1] = value
    else if (parent.kind === 'array') parent.items[index!] = value
    return root
  }
  if (change.kind === 'rescalar') {
    // Most of the schema's bounds are on scalars, which a pick among all nodes rarely hits.
    const scalars = all.filter((n) => n.node.kind === 'scalar' && n.parent)
    const picked = scalars[change.pick % Math.max(scalars.length, 1)]
    if (picked?.parent?.kind === 'object') picked.parent.entries[picked.index!]![1] = structuredClone(change.value) as Mutable
    return root
  }
  if (change.kind === 'delete') {
    const members = all.filter((n) => n.parent?.kind === 'object')
    const picked = members[change.pick % Math.max(members.length, 1)]
    if (picked?.parent?.kind === 'object') picked.parent.entries.splice(picked.index!, 1)
    return root
  }
  const objects = all.filter((n) => n.node.kind === 'object')
  const target = objects[change.pick % Math.max(objects.length, 1)]?.node
  // A key the object already has is given twice: JSON.parse keeps the last, and so must the locating.
  if (target?.kind === 'object') target.entries.splice(change.place % (target.entries.length + 1), 0, [change.key, structuredClone(change.value) as Mutable])
  return root
}

const sample = fc.record({
  state: validState,
  seed: fc.integer(),
  mutations: fc.oneof({arbitrary: fc.constant([]), weight: 1}, {arbitrary: fc.array(mutation, {minLength: 1, maxLength: 4}), weight: 3}),
  layout: layouts,
  bom: fc.boolean(),
})

describe('the hand-written state check, held to STATE_SCHEMA', () => {
  it(`agrees with ajv on ${RUNS} generated states, problem for problem, and locates each problem where it is`, () => {
    const verdicts = {accepted: 0, refused: 0}
    const seen = new Set<string>()
    fc.assert(
      fc.property(sample, ({state, seed, mutations, layout, bom}) => {
        let tree = shuffled(toNode(state) as Mutable, seed)
        for (const change of mutations) tree = mutate(tree, change)
        const {text, spots} = writeJson(tree, layout)
        const value: unknown = JSON.parse(text)

        const expected = oracle(value, seen)
        const problems = checkState(value)
        expect(problems.map((p) => ({line: describeStateProblem(p), target: p.target, key: p.key}))).toEqual(expected)

        // Every problem is located at what the writer put there: the key of an unknown field, else the value.
        const find = jsonOffsetFinder(text)
        for (const problem of problems) {
          const spot = spots.get(problem.target)
          expect(spot, problem.target).toBeDefined()
          expect(find(problem.target, {key: problem.key})).toBe(problem.key ? spot!.key : spot!.value)
        }

        const file = bom ? `\ufeff${text}` : text
        if (problems.length === 0) {
          verdicts.accepted++
          expect(parseState(file, 'ws')).toEqual(value)
          return
        }
        verdicts.refused++
        const first = problems[0]!
        const spot = spots.get(first.target)!
        const {line, column} = offsetToPosition(text, first.key ? spot.key! : spot.value)
        const more = problems.length - 1
        let error: unknown
        try {
          parseState(file, 'ws')
        } catch (caught) {
          error = caught
        }
        expect(error).toBeInstanceOf(UserError)
        expect((error as UserError).code).toBe('bad-state')
        expect((error as UserError).message).toBe(`${STATE_PATH}:${line}:${column}: ${expected[0]!.line}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`)
      }),
      {numRuns: RUNS},
    )
    // Both verdicts are exercised in earnest, not a handful of one of them.
    expect(verdicts.accepted).toBeGreaterThan(RUNS / 10)
    expect(verdicts.refused).toBeGreaterThan(RUNS / 2)
    // And every rule of the schema was broken at least once.
    expect([...seen].sort()).toEqual([
      'additionalProperties',
      'const',
      'enum',
      `maxLength ${MAX_DATE_LENGTH}`,
      `maxProperties ${MAX_STATE_UNITS}`,
      `maximum ${MAX_HINTS_SHOWN}`,
      `maximum ${MAX_SCORE}`,
      'minimum 0',
      'required',
      'type boolean',
      'type integer',
      'type number',
      'type object',
      'type string',
    ])
  })

  it('counts a date in code points, as ajv does', () => {
    const state = (created_at: string) => ({format_version: 1, created_at, units: {}})
    expect(checkState(state('😀'.repeat(64)))).toEqual([])
    expect(checkState(state('\ud800'.repeat(64)))).toEqual([])
    expect(checkState(state(`${'😀'.repeat(64)}a`)).map(describeStateProblem)).toEqual(['/created_at: must NOT have more than 64 characters'])
    expect(schemaProblems(STATE_SCHEMA, state('😀'.repeat(64)))).toEqual([])
  })

  it('points an unknown key holding `/` or `~` at the key, escaped, while the message shows it as written', () => {
    expect(checkState({format_version: 1, created_at: 'x', units: {'../l~b': {hints_shown: 0}}})).toEqual([
      {
        pointer: '/units/../l~b',
        message: '`../l~b` is not a unit id (lowercase letters, digits and dashes, at most 64 characters)',
        target: '/units/..~1l~0b',
        key: true,
      },
    ])
  })
})
