/**
 * Running a unit's lab: the parameters checked against its lab.json, its code loaded, and what it
 * needs of the unit handed to it — the reference's work, or with `--mine` the learner's: their
 * code (run in the sandbox, exactly as grading runs it) or their answer document (copied, capped,
 * parsed and checked against the unit's schema, as grading reads it).
 */
import {lstatSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {findUnit, referenceDir} from '../core/catalog/load.js'
import type {Unit} from '../core/catalog/model.js'
import {gradersDir as defaultGradersDir} from '../core/catalog/paths.js'
import {parseQuantity} from '../core/capacity/quantity.js'
import {UserError} from '../core/errors.js'
import {formatDocumentProblem, readSubmittedDocument} from '../core/grading/document.js'
import {copySubmission} from '../core/grading/intake.js'
import type {LoadedGrader} from '../core/grading/load.js'
import type {LabSpec} from '../core/labs/lab-spec.js'
import {labValues} from '../core/labs/lab-values.js'
import {requireWorkspace} from '../core/progress/workspace.js'
import {drawVariant} from '../core/scenario/scenario.js'
import {loadLabModule} from '../core/units/unit-code.js'
import type {CodeOutcome, Lab, LabBlock, LabContext} from '../kit/lab.js'
import {variantLearner} from './check.js'
import {course, type WorkspaceOptions} from './context.js'
import {loadUnitGrader} from './grading-context.js'
import {runLabCode} from './lab-code.js'

export interface LabOptions extends WorkspaceOptions {
  /** Run the learner's own code or answer from their workspace instead of the course's reference. */
  readonly mine?: boolean
  readonly gradersDir?: string
  readonly progress?: (line: string) => void
}

export interface LabRun {
  readonly result: unknown
  readonly blocks: LabBlock[]
  /** Whose work ran, and from which folder (the learner's unit folder under `--mine`). */
  readonly source: LabContext['source']
  readonly folder?: string
  /** What is wrong with the learner's answer that did not stop the run (located schema problems). */
  readonly warnings: readonly string[]
}

/** Whose work a lab runs: the reference's folder, or the learner's unit folder in their workspace. */
interface Chosen {
  readonly source: LabContext['source']
  readonly folder: string
  /** How messages name the folder: "the reference", or the learner's path. */
  readonly label: string
  /** The learner whose scenario variant the folder was started with, if any. */
  readonly variantOf?: string
}

function choose(unit: Unit, options: LabOptions): Chosen {
  if (!options.mine) return {source: 'reference', folder: referenceDir(unit), label: 'the reference'}
  const workspace = requireWorkspace(options)
  const folder = path.join(workspace, unit.id)
  if (!lstatSync(folder, {throwIfNoEntry: false})?.isDirectory()) {
    throw new UserError(`\`${unit.id}\` is not started in this workspace, so there is nothing of yours to run`, {
      code: 'not-started',
      exitCode: 2,
      next: [`Run \`course start ${unit.id}\` first, or leave out --mine to run the course's reference.`],
    })
  }
  const variantOf = variantLearner(folder)
  return {source: 'mine', folder, label: folder, ...(variantOf ? {variantOf} : {})}
}

/** The unit's scenario figures in canonical units: the learner's variant when their folder holds one. */
function figuresOf(grader: LoadedGrader, chosen: Chosen, unit: string): Record<string, number> | undefined {
  if (!grader.scenario) return undefined
  const scenario = chosen.variantOf ? drawVariant(grader.scenario, chosen.variantOf, unit) : grader.scenario
  return Object.fromEntries([...scenario.figures].map(([id, figure]) => [id, figure.quantity.value]))
}

/** The chosen answer document, read from a capped copy of the folder; unreadable is an error, a schema problem a warning. */
function documentOf(grader: LoadedGrader, chosen: Chosen, warnings: string[]): unknown {
  const entry = grader.definition.document?.entry
  if (!entry) throw new UserError(`the lab of ${grader.definition.unit} reads a document, but its grader names none`, {code: 'grader-format'})
  const intake = copySubmission(chosen.folder)
  const read = readSubmittedDocument(intake.files, entry, grader.schema, chosen.label)
  if (!read.ok) {
    throw new UserError(read.kind === 'missing-files' ? `${entry} is missing from ${chosen.label}` : `${path.join(chosen.folder, read.file)} cannot be read:\n${read.message}`, {
      code: read.kind === 'missing-files' ? 'missing-files' : 'bad-document',
      exitCode: 1,
      next: chosen.source === 'mine' && read.kind === 'parse' ? [`\`course validate ${path.join(chosen.folder, read.file)}\` lists every problem with its place.`] : [],
    })
  }
  for (const problem of read.schemaProblems) warnings.push(formatDocumentProblem(path.join(chosen.folder, read.file), problem))
  return read.document
}

export async function runLab(spec: LabSpec, given: Readonly<Record<string, unknown>>, options: LabOptions): Promise<LabRun> {
  const values = labValues(spec, given, availableParallelism())
  const graders = options.gradersDir ?? defaultGradersDir()
  const module = await loadLabModule(graders, spec.unit)
  const lab = module.default as Lab<unknown> | undefined
  if (!lab || typeof lab.run !== 'function' || typeof lab.view !== 'function') throw new Error(`the lab of ${spec.unit} has no default export made with defineLab`)

  const warnings: string[] = []
  let context: LabContext = {source: 'reference', quantity, ...(options.progress ? {progress: options.progress} : {})}
  let folder: string | undefined
  if (spec.uses) {
    const unit = findUnit(course(options), spec.unit)
    const chosen = choose(unit, options)
    folder = chosen.source === 'mine' ? chosen.folder : undefined
    const grader = await loadUnitGrader(unit, options.gradersDir)
    const figures = figuresOf(grader, chosen, unit.id)
    context = {
      ...context,
      source: chosen.source,
      ...(figures ? {figures} : {}),
      ...(spec.uses === 'document' ? {document: documentOf(grader, chosen, warnings)} : {}),
      ...(spec.uses === 'code' ? {runCode: codeRunner(grader, chosen, graders)} : {}),
    }
  } else if (options.mine) {
    throw new UserError(`the lab of ${spec.unit} runs only the course's own models: there is nothing of yours for --mine to run`, {code: 'bad-input', exitCode: 2})
  }
  const result = await lab.run(values, context)
  return {result, blocks: lab.view(result), source: context.source, ...(folder ? {folder} : {}), warnings}
}

function quantity(value: unknown, kind: Parameters<LabContext['quantity']>[1]): number | undefined {
  const parsed = parseQuantity(value, kind)
  return parsed.ok ? parsed.quantity.value : undefined
}

function codeRunner(grader: LoadedGrader, chosen: Chosen, graders: string): (inputs: readonly unknown[]) => Promise<CodeOutcome[]> {
  const entry = grader.definition.code?.entry
  if (!entry) throw new UserError(`the lab of ${grader.definition.unit} runs code, but its grader names no entry file`, {code: 'grader-format'})
  return (inputs) => runLabCode({gradersDir: graders, unit: grader.definition.unit, entry, folder: chosen.folder, label: chosen.label, inputs})
}
