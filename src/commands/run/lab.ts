import {Flags, type Interfaces} from '@oclif/core'
import type {LabSpec} from '../../core/labs/lab-spec.js'
import {BaseCommand} from '../base-command.js'

/**
 * `course run <unit>`: one command per lab, made from its lab.json (so a new lab needs no code
 * here). Its parameters become flags; the lab's result is the `--json` output, its view the text.
 */
function flagOf(p: LabSpec['parameters'][number]): Interfaces.Flag<unknown> {
  const common = {description: p.description, ...(p.char ? {char: p.char as 'a'} : {})}
  switch (p.kind) {
    case 'integer':
      return Flags.integer({...common, ...(typeof p.default === 'number' ? {default: p.default} : {}), ...(p.min !== undefined ? {min: p.min} : {}), ...(p.max !== undefined ? {max: p.max} : {})}) as Interfaces.Flag<unknown>
    case 'choice':
      return Flags.string({...common, default: p.default, options: [...p.options]}) as Interfaces.Flag<unknown>
    case 'duration':
      return Flags.string({...common, default: p.default, helpValue: 'TIME'}) as Interfaces.Flag<unknown>
  }
}

export function labCommand(spec: LabSpec): typeof BaseCommand {
  return class RunLab extends BaseCommand {
    static override summary = spec.summary
    static override description = spec.description ?? spec.summary
    static override examples = [...(spec.examples ?? [])]
    static override enableJsonFlag = true
    static override flags = Object.fromEntries(spec.parameters.map((p) => [p.name, flagOf(p)]))

    async run(): Promise<unknown> {
      const {flags} = await this.parse(RunLab)
      const [{runLab}, {formatLabView}] = await Promise.all([import('../../services/lab.js'), import('../../ui/text/lab-view.js')])
      const live = process.stderr.isTTY && !this.jsonEnabled()
      const {result, blocks} = await runLab(spec, flags as Record<string, unknown>, live ? (line) => process.stderr.write(`\r\u001B[K${line}`) : undefined)
      if (live) process.stderr.write('\r\u001B[K')
      this.log(formatLabView(blocks, {color: this.color, width: this.width}))
      return result
    }
  }
}
