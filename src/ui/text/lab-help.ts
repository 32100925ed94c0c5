/**
 * The help of a lab's command where the framework cannot give it: a lab of a course of one's own
 * (COURSE_ROOT) is not in the command manifest the program was built with (see cli.ts). Made
 * from the same lab.json as the command itself.
 */
import type {LabSpec} from '../../core/labs/lab-spec.js'

export function formatLabHelp(spec: LabSpec, bin: string): string {
  const flags = spec.parameters.map((p) => {
    const name = `${p.char ? `-${p.char}, ` : '    '}--${p.name}${p.kind === 'choice' ? `=<${p.options.join('|')}>` : p.kind === 'duration' ? '=TIME' : '=<value>'}`
    const fallback = p.default === undefined ? '' : ` [default: ${p.default}]`
    return {name, text: `${p.description}${fallback}`}
  })
  if (spec.uses) flags.push({name: '-m, --mine', text: spec.uses === 'code' ? 'Run your own code from your workspace (in the sandbox).' : 'Run your own answer from your workspace.'})
  flags.push({name: '    --json', text: 'Print the data as JSON.'})
  const width = Math.max(...flags.map((f) => f.name.length))
  const lines = [spec.summary, '', 'USAGE', `  $ ${bin} run ${spec.unit} [FLAGS]`, '', 'FLAGS', ...flags.map((f) => `  ${f.name.padEnd(width)}  ${f.text}`)]
  if (spec.description) lines.push('', 'DESCRIPTION', ...spec.description.split('\n').map((line) => (line ? `  ${line}` : '')))
  if (spec.examples?.length) lines.push('', 'EXAMPLES', ...spec.examples.map((e) => `  $ ${e.replace('<%= config.bin %>', bin)}`))
  return lines.join('\n')
}
