/**
 * The fields of a design document's JSON Schema, flattened into rows a reader can scan: the dotted
 * path, the type, the quantity kind and its units, whether it is required, the constraints, the
 * description and examples. Branches chosen by a discriminator (`if choice is X then parameters
 * are …`) become rows that say when they apply.
 */
import {isQuantityKind, QUANTITY_KINDS} from '../capacity/kinds.js'

export interface FieldRow {
  /** Dotted path; `[]` marks the items of a list. */
  readonly path: string
  readonly depth: number
  readonly type: string
  readonly required: boolean
  /** The quantity kind (`x-unit`) with an example of what it accepts. */
  readonly unit?: {readonly kind: string; readonly example?: string}
  readonly constraints: readonly string[]
  readonly description?: string
  readonly examples: readonly string[]
  /** When the row applies only under a condition: "`choice` is `long_polling`". */
  readonly when?: string
}

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Resolves local `$ref`s (`#/$defs/name`), the only kind the course's schemas use. */
function resolve(node: Schema, root: Schema): Schema {
  let current = node
  for (let hops = 0; typeof current.$ref === 'string' && hops < 16; hops++) {
    const pointer = current.$ref as string
    if (!pointer.startsWith('#/')) break
    let target: unknown = root
    for (const part of pointer.slice(2).split('/')) target = isSchema(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
    if (!isSchema(target)) break
    const {$ref: _ref, ...rest} = current
    current = {...target, ...rest}
  }
  return current
}

function typeOf(node: Schema, root: Schema): string {
  if ('const' in node) return `constant ${JSON.stringify(node.const)}`
  if (Array.isArray(node.enum)) return 'choice'
  if (isQuantityKind(node['x-unit'])) return 'quantity'
  const type = Array.isArray(node.type) ? node.type.join(' or ') : typeof node.type === 'string' ? node.type : isSchema(node.properties) ? 'object' : 'any'
  if (type === 'array' && isSchema(node.items)) return `list of ${typeOf(resolve(node.items, root), root)}`
  return type
}

function constraintsOf(node: Schema): string[] {
  const out: string[] = []
  const push = (keyword: string, text: (value: never) => string) => {
    if (node[keyword] !== undefined) out.push(text(node[keyword] as never))
  }
  push('minimum', (v: number) => `≥ ${v}`)
  push('exclusiveMinimum', (v: number) => `> ${v}`)
  push('maximum', (v: number) => `≤ ${v}`)
  push('exclusiveMaximum', (v: number) => `< ${v}`)
  push('minLength', (v: number) => `at least ${v} character${v === 1 ? '' : 's'}`)
  push('maxLength', (v: number) => `at most ${v} characters`)
  push('pattern', (v: string) => `matches /${v}/`)
  push('minItems', (v: number) => `at least ${v} item${v === 1 ? '' : 's'}`)
  push('maxItems', (v: number) => `at most ${v} items`)
  if (node.uniqueItems === true) out.push('no repeated items')
  if (Array.isArray(node.enum)) out.push(`one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`)
  if (node.additionalProperties === false && isSchema(node.properties)) out.push('no other fields')
  return out
}

/** "`choice` is `long_polling`" from an `if` that pins fields with `const`. */
function describeCondition(condition: Schema): string {
  const pinned = isSchema(condition.properties)
    ? Object.entries(condition.properties).flatMap(([key, value]) => (isSchema(value) && 'const' in value ? [`\`${key}\` is \`${String(value.const)}\``] : []))
    : []
  return pinned.length > 0 ? pinned.join(' and ') : 'a condition holds'
}

export function schemaFields(root: Schema): FieldRow[] {
  const rows: FieldRow[] = []
  const walk = (raw: Schema, path: string, depth: number, required: boolean, when: string | undefined) => {
    const node = resolve(raw, root)
    if (path) {
      const kind = node['x-unit']
      rows.push({
        path,
        depth,
        type: typeOf(node, root),
        required,
        ...(isQuantityKind(kind) ? {unit: {kind, example: QUANTITY_KINDS[kind].example}} : typeof kind === 'string' ? {unit: {kind}} : {}),
        constraints: constraintsOf(node),
        ...(typeof node.description === 'string' ? {description: node.description} : {}),
        // Examples of whole objects and lists repeat their fields' own; scalars only.
        examples: Array.isArray(node.examples) ? node.examples.filter((e) => typeof e !== 'object' || e === null).slice(0, 2).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : [],
        ...(when ? {when} : {}),
      })
    }
    const requiredHere = new Set(Array.isArray(node.required) ? (node.required as string[]) : [])
    if (isSchema(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        if (isSchema(child)) walk(child, path ? `${path}.${key}` : key, depth + 1, requiredHere.has(key), when)
      }
    }
    const branches = [...(isSchema(node.if) ? [node] : []), ...(Array.isArray(node.allOf) ? node.allOf.filter(isSchema) : [])]
    for (const branch of branches) {
      if (!isSchema(branch.if) || !isSchema(branch.then)) continue
      const condition = describeCondition(branch.if)
      const then = resolve(branch.then, root)
      const thenRequired = new Set(Array.isArray(then.required) ? (then.required as string[]) : [])
      for (const [key, child] of Object.entries(isSchema(then.properties) ? then.properties : {})) {
        if (isSchema(child)) walk(child, path ? `${path}.${key}` : key, depth + 1, requiredHere.has(key) || thenRequired.has(key), when ? `${when}, and ${condition}` : condition)
      }
    }
    if (isSchema(node.items)) walk(node.items, `${path}[]`, depth + 1, true, when)
  }
  walk(root, '', 0, true, undefined)
  return rows
}
