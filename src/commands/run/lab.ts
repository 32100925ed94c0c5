import {Flags, type Interfaces} from '@oclif/core'
import type {LabSpec} from '../../core/labs/lab-spec.js'
import {BaseCommand, dirFlag} from '../base-command.js'

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

/** How many problems of a learner's answer a run prints before it sums up the rest. */
const SHOWN_WARNINGS = 3

export function labCommand(spec: LabSpec): typeof BaseCommand {
  return class RunLab extends BaseCommand {
    // Set here as well as by the framework, for a lab run without its command table (cli.ts).
    static override id = `run:${spec.unit}`
    static override summary = spec.summary
    static override description = spec.description ?? spec.summary
    static override examples = [...(spec.examples ?? [])]
    static override enableJsonFlag = true
    static override flags = {
      ...Object.fromEntries(spec.parameters.map((p) => [p.name, flagOf(p)])),
      // Only a lab that runs something of the unit's can run the learner's own instead.
      ...(spec.uses ? {mine: Flags.boolean({char: 'm', description: spec.uses === 'code' ? "Run your own code from your workspace (in the sandbox) instead of the course's reference." : "Run your own answer from your workspace instead of the course's reference."}), dir: dirFlag} : {}),
    }

    async run(): Promise<unknown> {
      const {flags} = await this.parse(RunLab)
      const [{runLab}, {formatLabView}, {learnerCwd}, {paint}] = await Promise.all([import('../../services/lab.js'), import('../../ui/text/lab-view.js'), import('../../core/progress/workspace.js'), import('../../core/markdown/ansi.js')])
      const live = process.stderr.isTTY && !this.jsonEnabled()
      const {mine, dir, ...given} = flags as Record<string, unknown>
      const {result, blocks, warnings, folder} = await runLab(spec, given, {
        cwd: learnerCwd(),
        mine: mine === true,
        ...(typeof dir === 'string' ? {dir} : {}),
        ...(live ? {progress: (line: string) => process.stderr.write(`\r\u001B[K${line}`)} : {}),
      })
      if (live) process.stderr.write('\r\u001B[K')
      // Problems of the learner's answer that did not stop the run go to stderr, so --json stays
      // clean; a few of them, so an unfinished answer's dozens do not push the charts off screen.
      for (const warning of warnings.slice(0, SHOWN_WARNINGS)) this.logToStderr(`warning: ${warning}`)
      if (warnings.length > SHOWN_WARNINGS) this.logToStderr(`warning: … and ${warnings.length - SHOWN_WARNINGS} more problems; \`course validate\` on the file lists them all, and the run used defaults where it could not read a field`)
      if (folder && !this.jsonEnabled()) this.log(paint(`Running your work in ${folder}`, ['dim'], this.color))
      this.log(formatLabView(blocks, {color: this.color, width: this.width}))
      return result
    }
  }
}
