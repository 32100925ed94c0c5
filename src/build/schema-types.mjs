// The TypeScript types of the JSON files authors write (unit.json, grader.json), generated from
// their JSON Schemas, which stay the one definition: editors, the docs site and the validators
// read the schemas, and the code reads these types. See docs/decisions/0010-one-schema-module.md.
//
//   node src/build/schema-types.mjs          writes the generated files
//   node src/build/schema-types.mjs --check  exits 1, naming them, when any is out of date
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {compile} from 'json-schema-to-typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Each schema, the file its types go to, and the names of its types (the root's, then its $defs'). */
export const SCHEMA_TYPES = [
  {schema: 'exercises/schemas/unit.schema.json', output: 'src/core/catalog/unit-meta.generated.ts', name: 'UnitMetaJson', defs: {}},
  {schema: 'graders/grader.schema.json', output: 'src/core/grading/grader-json.generated.ts', name: 'GraderJson', defs: {case: 'GraderCaseJson', rule: 'GraderRuleJson'}},
]

/** The house style, so a generated file reads like the code around it. */
const STYLE = {semi: false, singleQuote: true, bracketSpacing: false, printWidth: 180, trailingComma: 'all'}

/** Keywords that give a value a type; a property with none of them may hold anything. */
const TYPING = ['type', 'enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf', 'properties', 'items']

/**
 * The schema as the type generator should read it, its types named by `entry`. A root `anyOf`
 * whose branches only require fields ("a `code` or a `document` part") is a rule for the
 * validator, not a type: the generator would make an index signature of it. A property without a
 * type holds any JSON value: `unknown`, not the generator's empty object.
 */
function forTypes(schema, entry) {
  const copy = structuredClone(schema)
  // The generator names a type after its title: the entry's names, not the schema's prose titles.
  copy.title = entry.name
  for (const [key, name] of Object.entries(entry.defs)) copy.$defs[key].title = name
  if (Array.isArray(copy.anyOf) && copy.anyOf.every((branch) => Object.keys(branch).join() === 'required')) delete copy.anyOf
  const visit = (node) => {
    if (typeof node !== 'object' || node === null) return
    for (const property of Object.values(node.properties ?? {})) {
      if (!TYPING.some((keyword) => keyword in property)) property.tsType = 'unknown'
      visit(property)
    }
    for (const definition of Object.values(node.$defs ?? {})) visit(definition)
    if (node.items) visit(node.items)
  }
  visit(copy)
  return copy
}

function banner(entry) {
  return [
    '/**',
    ` * Types generated from ${entry.schema}, the definition of the files it describes; do not edit.`,
    ' * Change the schema, then run `npm run schema-types` (a test fails while this file is out of date).',
    ' */',
  ].join('\n')
}

/** The text of every generated file, by its path relative to the repository. */
export async function generateSchemaTypes() {
  const files = []
  for (const entry of SCHEMA_TYPES) {
    const schema = JSON.parse(readFileSync(path.join(root, entry.schema), 'utf8'))
    const text = await compile(forTypes(schema, entry), entry.name, {
      bannerComment: banner(entry),
      ignoreMinAndMaxItems: true,
      strictIndexSignatures: true,
      additionalProperties: true,
      style: STYLE,
    })
    files.push({output: entry.output, text})
  }
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  const stale = []
  for (const {output, text} of await generateSchemaTypes()) {
    const file = path.join(root, output)
    let current
    try {
      current = readFileSync(file, 'utf8')
    } catch {
      current = undefined
    }
    if (current === text) continue
    if (check) stale.push(output)
    else writeFileSync(file, text)
  }
  if (stale.length > 0) {
    console.error(`out of date (run \`npm run schema-types\`): ${stale.join(', ')}`)
    process.exitCode = 1
  }
}
