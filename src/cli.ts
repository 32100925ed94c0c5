/**
 * The bundle's entry for commands: the command table (oclif's explicit discovery reads `COMMANDS`)
 * and `main`, which the `course` bin calls (the bare `course` goes to open.ts instead). Commands import their heavy modules (Ink, mathjs, esbuild…)
 * inside `run()`, so they land in lazily loaded chunks and stay off everyone's startup path.
 */
import {run, flush, type Errors} from '@oclif/core'
import {colorEnabled, paint} from './core/markdown/ansi.js'
import {closest} from './core/text/suggest.js'
import CalcBloom from './commands/calc/bloom.js'
import CalcCms from './commands/calc/cms.js'
import CalcErlang from './commands/calc/erlang.js'
import CalcEval from './commands/calc/eval.js'
import CalcHll from './commands/calc/hll.js'
import Calc from './commands/calc/index.js'
import CalcInstances from './commands/calc/instances.js'
import CalcLittle from './commands/calc/little.js'
import CalcPlan from './commands/calc/plan.js'
import Check from './commands/check.js'
import DevCheck from './commands/dev/check.js'
import DevMutate from './commands/dev/mutate.js'
import DevPerturb from './commands/dev/perturb.js'
import DocsBuild from './commands/docs/build.js'
import DocsServe from './commands/docs/serve.js'
import Grade from './commands/grade/index.js'
import GradeGradescopeBundle from './commands/grade/gradescope-bundle.js'
import GradeMerge from './commands/grade/merge.js'
import Hint from './commands/hint.js'
import List from './commands/list.js'
import Progress from './commands/progress.js'
import Reset from './commands/reset.js'
import Show from './commands/show.js'
import Start from './commands/start.js'
import Validate from './commands/validate.js'
import {labCommand} from './commands/run/lab.js'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {gradersDir, packageRoot} from './core/catalog/paths.js'
import {findLabs} from './core/labs/lab-spec.js'

export const COMMANDS = {
  list: List,
  show: Show,
  start: Start,
  hint: Hint,
  progress: Progress,
  reset: Reset,
  check: Check,
  validate: Validate,
  grade: Grade,
  'grade:merge': GradeMerge,
  'grade:gradescope-bundle': GradeGradescopeBundle,
  calc: Calc,
  'calc:instances': CalcInstances,
  'calc:erlang': CalcErlang,
  'calc:little': CalcLittle,
  'calc:plan': CalcPlan,
  'calc:bloom': CalcBloom,
  'calc:hll': CalcHll,
  'calc:cms': CalcCms,
  'calc:eval': CalcEval,
  // One `run <unit>` command per lab of the course (graders/<unit>/lab/lab.json).
  ...Object.fromEntries(findLabs(gradersDir()).map((lab) => [`run:${lab.unit}`, labCommand(lab)])),
  'docs:build': DocsBuild,
  'docs:serve': DocsServe,
  'dev:check': DevCheck,
  'dev:mutate': DevMutate,
  'dev:perturb': DevPerturb,
}

/** Runs the CLI; `root` is any file inside the package (the bin passes its own URL). */
export async function main(argv: string[], root: string): Promise<void> {
  // Ink colours through chalk, which ignores NO_COLOR but honours FORCE_COLOR=0.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'
  try {
    const lab = ownLab(argv)
    if (lab) await lab.run(argv.slice(2), root)
    else await run(argv, root)
  } catch (error) {
    reportTopLevel(error as Errors.CLIError)
  } finally {
    await flush()
  }
}

/** What the framework's command classes offer to run one without its command table. */
interface RunnableCommand {
  run(argv: string[], root: string): Promise<unknown>
}

/**
 * `course run <unit>` for a lab of a course of one's own (COURSE_ROOT): its command is made from
 * that course's lab.json like every lab's, but the command manifest written at build time lists
 * only the labs of the course the program was built with, so the framework would not find it.
 */
function ownLab(argv: readonly string[]): RunnableCommand | undefined {
  if (argv[0] !== 'run' || !argv[1] || !process.env.COURSE_ROOT) return undefined
  const id = `run:${argv[1]}`
  if (!(id in COMMANDS)) return undefined
  const manifest = path.join(packageRoot(), 'oclif.manifest.json')
  try {
    const listed = (JSON.parse(readFileSync(manifest, 'utf8')) as {commands?: Record<string, unknown>}).commands ?? {}
    if (id in listed) return undefined
    if (argv.includes('--help') || argv.includes('-h')) {
      const spec = findLabs(gradersDir()).find((lab) => lab.unit === argv[1])!
      return {run: async () => void process.stdout.write(`${(await import('./ui/text/lab-help.js')).formatLabHelp(spec, 'course')}\n`)}
    }
    return (COMMANDS as unknown as Record<string, RunnableCommand>)[id]
  } catch {
    return undefined
  }
}

/** Failures before any command ran: an unknown command, mostly. */
function reportTopLevel(error: Errors.CLIError & {code?: string}): void {
  if (error.code === 'EEXIT') {
    process.exitCode = error.oclif?.exit ?? 0
    return
  }
  const color = colorEnabled(process.stderr)
  const unknown = /command (\S+) not found/.exec(error.message)
  if (unknown) {
    const ids = Object.keys(COMMANDS).map((id) => id.replace(':', ' '))
    const suggestion = closest(unknown[1]!.replace(':', ' '), ids)
    process.stderr.write(`${paint('✖', ['bad'], color)} unknown command \`${unknown[1]!.replace(':', ' ')}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}\n`)
    process.stderr.write('  → Run `course --help` to see every command.\n')
    process.exitCode = 2
    return
  }
  process.stderr.write(`${paint('✖', ['bad'], color)} ${error.message}\n`)
  if (process.env.DEBUG) process.stderr.write(`${error.stack ?? ''}\n`)
  process.exitCode = error.oclif?.exit ?? 1
}
