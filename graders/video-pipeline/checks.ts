/**
 * Document checks of the video-pipeline grader. Each check reads the learner's own figures,
 * recomputes what follows from them and names every field that disagrees, with its location and
 * the working. Sizing is recomputed step by step from the learner's previous stated result, so
 * one wrong step costs the case about that step and not every case downstream of it.
 */
import type {DocumentCheck, DocumentCheckContext, Verdict} from '../../src/core/grading/definition.js'
import {valueAt} from '../../src/core/grading/document.js'
import type {QuantityKindName} from '../../src/core/capacity/kinds.js'
import {inUnit, parseQuantity, type Quantity} from '../../src/core/capacity/quantity.js'
import {closest} from '../../src/core/text/suggest.js'

/** Relative tolerance of every recomputed figure. */
const TOLERANCE = 0.02
/** The scenario's figures. */
const SCENARIO = {sla: 30, budget: 50_000, peakFactor: 2, largestBytes: 10e9, maxUtilisation: 0.9}
const REQUIRED_STAGES = ['upload', 'split', 'transcode_1080p', 'transcode_720p', 'transcode_480p', 'thumbnails', 'subtitles', 'content_scan', 'merge']

/** A field that cannot be read as it must be: the check fails with this message instead of throwing. */
class Unreadable extends Error {}

/** Wraps a check so that odd input becomes a failed verdict, and several problems one detail. */
function documentCheck(body: (context: DocumentCheckContext, problems: string[]) => void): DocumentCheck {
  return (context) => {
    const problems: string[] = []
    try {
      body(context, problems)
    } catch (error) {
      problems.push(error instanceof Unreadable ? error.message : `the document could not be checked: ${(error as Error).message}`)
    }
    return verdict(problems)
  }
}

function verdict(problems: string[]): Verdict {
  if (problems.length === 0) return {passed: true}
  return {passed: false, detail: problems.length === 1 ? problems[0]! : `\n${problems.join('\n')}`}
}

/** `design.yaml:12:3 /assumptions/sla:`, the start of every problem. */
const at = (context: DocumentCheckContext, pointer: string) => `${context.where(pointer)} ${pointer}:`

function quantity(context: DocumentCheckContext, pointer: string, kind: QuantityKindName): Quantity {
  const parsed = parseQuantity(valueAt(context.document, pointer), kind)
  if (!parsed.ok) throw new Unreadable(`${at(context, pointer)} ${parsed.message}`)
  return parsed.quantity
}

/** A quantity in a unit of its dimension ("hour^-1", "min"), memoised: unit conversions cost more than the rest of a check. */
const converted = new Map<string, number>()
function to(q: Quantity, unit: string): number {
  const key = `${unit}\u0000${q.text}`
  let value = converted.get(key)
  if (value === undefined) {
    value = inUnit(q, unit)
    if (converted.size > 5000) converted.clear()
    converted.set(key, value)
  }
  return value
}

function number(context: DocumentCheckContext, pointer: string): number {
  const value = valueAt(context.document, pointer)
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Unreadable(`${at(context, pointer)} expected a plain number`)
  return value
}

function text(context: DocumentCheckContext, pointer: string): string {
  const value = valueAt(context.document, pointer)
  return typeof value === 'string' ? value : ''
}

function list(context: DocumentCheckContext, pointer: string): unknown[] {
  const value = valueAt(context.document, pointer)
  return Array.isArray(value) ? value : []
}

/** A figure for messages: at most one decimal for ordinary sizes, more for small ones. */
function show(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 3
  return String(Number(value.toFixed(digits)))
}

function close(got: number, want: number, tolerance = TOLERANCE): boolean {
  if (!Number.isFinite(got) || !Number.isFinite(want)) return false
  if (want === 0) return Math.abs(got) <= 1e-9
  return Math.abs(got - want) <= tolerance * Math.abs(want)
}

function off(got: number, want: number): string {
  if (want === 0) return 'not 0'
  const percent = (100 * Math.abs(got - want)) / Math.abs(want)
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)} % ${got > want ? 'too high' : 'too low'}; allowed: ${100 * TOLERANCE} %`
}

/** Which cores `cores_per_job` counts, read from its unit word. */
function coreKind(written: string): 'vCPU' | 'cores' {
  return /v\s*cpu/i.test(written) ? 'vCPU' : 'cores'
}

// ---------------------------------------------------------------------------------------------
// The job graph

interface Graph {
  /** Declared stage ids, in order, with the index of their first declaration. */
  readonly stages: Map<string, number>
  readonly duplicates: Array<{id: string; index: number}>
  readonly edges: Array<{from: string; to: string; index: number}>
  readonly successors: Map<string, string[]>
  readonly predecessors: Map<string, string[]>
}

function graphOf(context: DocumentCheckContext): Graph {
  const stages = new Map<string, number>()
  const duplicates: Array<{id: string; index: number}> = []
  list(context, '/job_graph/stages').forEach((stage, index) => {
    const id = typeof stage === 'object' && stage !== null ? (stage as {id?: unknown}).id : undefined
    if (typeof id !== 'string') return
    if (stages.has(id)) duplicates.push({id, index})
    else stages.set(id, index)
  })
  const edges: Array<{from: string; to: string; index: number}> = []
  const successors = new Map<string, string[]>()
  const predecessors = new Map<string, string[]>()
  list(context, '/job_graph/edges').forEach((edge, index) => {
    if (typeof edge !== 'object' || edge === null) return
    const {from, to} = edge as {from?: unknown; to?: unknown}
    if (typeof from !== 'string' || typeof to !== 'string') return
    edges.push({from, to, index})
    append(successors, from, to)
    append(predecessors, to, from)
  })
  return {stages, duplicates, edges, successors, predecessors}
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key)
  if (values) values.push(value)
  else map.set(key, [value])
}

/** Every node reachable from `start` along `next` (start included). */
function reachable(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set([start])
  const queue = [start]
  while (queue.length > 0) {
    for (const n of next.get(queue.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n)
        queue.push(n)
      }
    }
  }
  return seen
}

/** A cycle as a list of edge indices, or undefined: an iterative depth-first search. */
function findCycle(graph: Graph): number[] | undefined {
  const out = new Map<string, Array<{to: string; index: number}>>()
  for (const e of graph.edges) append(out, e.from, {to: e.to, index: e.index})
  const state = new Map<string, 1 | 2>() // 1: on the path, 2: done
  for (const root of out.keys()) {
    if (state.has(root)) continue
    // The path: nodes with the position of the next edge to try, and the edge that led to each.
    const path: Array<{node: string; next: number; via: number}> = [{node: root, next: 0, via: -1}]
    state.set(root, 1)
    while (path.length > 0) {
      const top = path[path.length - 1]!
      const edges = out.get(top.node) ?? []
      if (top.next >= edges.length) {
        state.set(top.node, 2)
        path.pop()
        continue
      }
      const edge = edges[top.next++]!
      const seen = state.get(edge.to)
      if (seen === 1) {
        const start = path.findIndex((p) => p.node === edge.to)
        return [...path.slice(start + 1).map((p) => p.via), edge.index]
      }
      if (seen === undefined) {
        state.set(edge.to, 1)
        path.push({node: edge.to, next: 0, via: edge.index})
      }
    }
  }
  return undefined
}

const jobGraphAcyclic = documentCheck((context, problems) => {
  const graph = graphOf(context)
  const cycle = findCycle(graph)
  if (!cycle) return
  const byIndex = new Map(graph.edges.map((e) => [e.index, e]))
  // Start the cycle at the edge written first, so the message points at the earliest line.
  const first = cycle.indexOf(cycle.reduce((a, b) => Math.min(a, b)))
  const ordered = [...cycle.slice(first), ...cycle.slice(0, first)].map((i) => byIndex.get(i)!)
  const nodes = [...ordered.map((e) => e.from), ordered[0]!.from]
  const shown = nodes.length <= 12 ? nodes.join(' → ') : `${nodes.slice(0, 6).join(' → ')} → … → ${nodes.slice(-4).join(' → ')} (${nodes.length - 1} stages)`
  const start = ordered[0]!
  const last = ordered[ordered.length - 1]!
  const closing = ordered.length > 1 ? `, and ${last.from} → ${last.to} at ${context.where(`/job_graph/edges/${last.index}`)} closes it` : ''
  problems.push(
    `${at(context, `/job_graph/edges/${start.index}`)} the edges form a cycle, ${shown}: this edge (${start.from} → ${start.to}) starts it${closing}. A stage on a cycle waits for its own output and never runs.`,
  )
})

const jobGraphStages = documentCheck((context, problems) => {
  const graph = graphOf(context)
  const {stages} = graph
  for (const d of graph.duplicates) problems.push(`${at(context, `/job_graph/stages/${d.index}/id`)} the stage id \`${d.id}\` is declared twice`)
  const missing = REQUIRED_STAGES.filter((id) => !stages.has(id))
  if (missing.length > 0) problems.push(`${at(context, '/job_graph/stages')} no stage ${missing.map((m) => `\`${m}\``).join(', ')}; the graph needs every one of ${REQUIRED_STAGES.join(', ')}`)
  for (const e of graph.edges) {
    for (const end of ['from', 'to'] as const) {
      const id = e[end]
      if (stages.has(id)) continue
      const near = closest(id, stages.keys())
      problems.push(`${at(context, `/job_graph/edges/${e.index}/${end}`)} \`${id}\` is not a declared stage${near ? ` (did you mean \`${near}\`?)` : ''}`)
    }
  }
  if (stages.has('upload')) {
    const seen = reachable('upload', graph.successors)
    const unreachable = [...stages].filter(([id]) => !seen.has(id))
    for (const [id, index] of unreachable) problems.push(`${at(context, `/job_graph/stages/${index}`)} \`${id}\` cannot be reached from \`upload\`: no chain of edges leads to it, so it would never run`)
  }
  if (stages.has('publish')) {
    const before = graph.predecessors.get('publish') ?? []
    const wrong = before.filter((p) => p !== 'merge')
    if (!before.includes('merge') || wrong.length > 0) {
      problems.push(`${at(context, `/job_graph/stages/${stages.get('publish')}`)} \`publish\` must come straight after \`merge\` and after nothing else (its only incoming edge: merge → publish); it has ${before.length === 0 ? 'no incoming edge' : `incoming edges from ${before.join(', ')}`}`)
    }
  }
})

const jobGraphBranchesMeet = documentCheck((context, problems) => {
  const graph = graphOf(context)
  if (!graph.stages.has('merge')) {
    problems.push(`${at(context, '/job_graph/stages')} there is no \`merge\` stage, so the branches have nowhere to meet`)
    return
  }
  const reachesMerge = reachable('merge', graph.predecessors)
  const dangling = [...graph.stages].filter(([id]) => id !== 'merge' && id !== 'publish' && !reachesMerge.has(id))
  for (const [id, index] of dangling) {
    const required = REQUIRED_STAGES.includes(id)
    problems.push(`${at(context, `/job_graph/stages/${index}`)} \`${id}\` has no path to \`merge\`: ${required ? 'merge must receive its output, directly or through later stages' : 'its branch dangles and its output is never used'}`)
  }
})

// ---------------------------------------------------------------------------------------------
// Capacity

/** The learner's assumptions, in working units: per hour, minutes, cores, USD. */
function assumptions(context: DocumentCheckContext) {
  const coresText = text(context, '/assumptions/cores_per_job')
  const kind = coreKind(coresText)
  return {
    arrivalPerHour: to(quantity(context, '/assumptions/arrival_rate', 'rate'), 'hour^-1'),
    peakFactor: number(context, '/assumptions/peak_factor'),
    processingMin: to(quantity(context, '/assumptions/processing_time', 'duration'), 'min'),
    coresPerJob: quantity(context, '/assumptions/cores_per_job', 'cores').value,
    coreKind: kind,
    headroom: number(context, '/assumptions/headroom'),
    instanceCores: quantity(context, kind === 'vCPU' ? '/assumptions/instance/vcpus' : '/assumptions/instance/physical_cores', 'cores').value,
    instanceCoresPointer: kind === 'vCPU' ? '/assumptions/instance/vcpus' : '/assumptions/instance/physical_cores',
    pricePerHour: to(quantity(context, '/assumptions/instance/price', 'money-rate'), 'USD/hour'),
    hoursPerMonth: quantity(context, '/assumptions/hours_per_month', 'hours-per-month').value,
    budget: to(quantity(context, '/assumptions/budget', 'money-rate'), 'USD/month'),
    slaMin: to(quantity(context, '/assumptions/sla', 'duration'), 'min'),
  }
}

const capacityInputs = documentCheck((context, problems) => {
  const a = assumptions(context)
  const average = to(quantity(context, '/capacity/average_arrival_rate', 'rate'), 'hour^-1')
  if (!close(average, a.arrivalPerHour)) {
    problems.push(`${at(context, '/capacity/average_arrival_rate')} ${show(average)} videos/hour, but your arrival rate is ${show(a.arrivalPerHour)} videos/hour (${off(average, a.arrivalPerHour)})`)
  }
  if (a.peakFactor < SCENARIO.peakFactor) {
    problems.push(`${at(context, '/assumptions/peak_factor')} ${a.peakFactor}: the busiest hour brings about twice the day's average rate, so the peak factor must be at least ${SCENARIO.peakFactor}; a fleet sized for the flat day falls behind every busy hour`)
  }
  const peakWant = a.arrivalPerHour * a.peakFactor
  const peak = to(quantity(context, '/capacity/peak_arrival_rate', 'rate'), 'hour^-1')
  if (!close(peak, peakWant)) {
    problems.push(`${at(context, '/capacity/peak_arrival_rate')} ${show(peak)} videos/hour, but your arrival rate × peak factor is ${show(a.arrivalPerHour)} × ${a.peakFactor} = ${show(peakWant)} videos/hour (${off(peak, peakWant)})`)
  }
  const workWant = a.processingMin * a.coresPerJob
  const work = quantity(context, '/capacity/work_per_video', 'core-time').value
  if (!close(work, workWant)) {
    problems.push(`${at(context, '/capacity/work_per_video')} ${show(work)} ${a.coreKind}*min, but processing time × cores per job is ${show(a.processingMin)} min × ${show(a.coresPerJob)} ${a.coreKind} = ${show(workWant)} ${a.coreKind}*min (${off(work, workWant)})`)
  }
})

const capacityLittlesLaw = documentCheck((context, problems) => {
  const a = assumptions(context)
  const peak = to(quantity(context, '/capacity/peak_arrival_rate', 'rate'), 'hour^-1')
  const average = to(quantity(context, '/capacity/average_arrival_rate', 'rate'), 'hour^-1')
  const jobs = quantity(context, '/capacity/concurrent_jobs', 'count').value
  const want = (peak * a.processingMin) / 60
  if (close(jobs, want)) return
  const pointer = '/capacity/concurrent_jobs'
  const right = `Little's law needs the time a video holds its cores, the processing time: ${show(peak)} videos/hour × ${show(a.processingMin)} min = ${show(want)} jobs`
  const sla = 'The SLA is the limit a video\'s wait plus processing must stay under, checked in sla_check; it is not how long a job occupies a slot'
  if (close(jobs, (peak * a.slaMin) / 60) && a.slaMin !== a.processingMin) {
    problems.push(`${at(context, pointer)} ${show(jobs)} jobs is your peak rate × the SLA (${show(peak)} videos/hour × ${show(a.slaMin)} min): the SLA was used where the processing time belongs. ${right}. ${sla}.`)
  } else if (close(jobs, (average * a.slaMin) / 60) && a.slaMin !== a.processingMin) {
    problems.push(`${at(context, pointer)} ${show(jobs)} jobs is the average rate × the SLA (${show(average)} videos/hour × ${show(a.slaMin)} min): the SLA was used where the processing time belongs, and the average rate where the peak rate belongs. ${right}. ${sla}.`)
  } else if (close(jobs, (average * a.processingMin) / 60) && average !== peak) {
    problems.push(`${at(context, pointer)} ${show(jobs)} jobs is the average rate × processing time (${show(average)} videos/hour × ${show(a.processingMin)} min); the fleet is sized for the jobs in progress at the peak: ${show(peak)} videos/hour × ${show(a.processingMin)} min = ${show(want)} jobs`)
  } else {
    problems.push(`${at(context, pointer)} ${show(jobs)} jobs, but your peak rate × processing time gives ${show(peak)} videos/hour × ${show(a.processingMin)} min = ${show(want)} jobs (${off(jobs, want)}). ${right}.`)
  }
})

const capacityFleet = documentCheck((context, problems) => {
  const a = assumptions(context)
  const jobs = quantity(context, '/capacity/concurrent_jobs', 'count').value
  const busy = quantity(context, '/capacity/cores_busy', 'cores').value
  const busyWant = jobs * a.coresPerJob
  if (!close(busy, busyWant)) {
    problems.push(`${at(context, '/capacity/cores_busy')} ${show(busy)} ${a.coreKind}, but concurrent jobs × cores per job is ${show(jobs)} × ${show(a.coresPerJob)} = ${show(busyWant)} ${a.coreKind} (${off(busy, busyWant)})`)
  }
  const provisioned = quantity(context, '/capacity/cores_provisioned', 'cores').value
  const provisionedWant = busy * a.headroom
  if (!close(provisioned, provisionedWant)) {
    problems.push(`${at(context, '/capacity/cores_provisioned')} ${show(provisioned)} ${a.coreKind}, but cores busy × headroom is ${show(busy)} × ${a.headroom} = ${show(provisionedWant)} ${a.coreKind} (${off(provisioned, provisionedWant)})`)
  }
  const instances = quantity(context, '/capacity/instances', 'count').value
  if (!(a.instanceCores > 0)) {
    problems.push(`${at(context, a.instanceCoresPointer)} an instance with no ${a.coreKind} cannot run a job`)
    return
  }
  const ceil = (cores: number, per: number) => Math.ceil(cores / per - 1e-9)
  // The quotient of the stated figure, or of the exact product when rounding moved it across a whole number.
  const instancesWant = ceil(provisioned, a.instanceCores)
  const instancesRight = instances === instancesWant || instances === ceil(provisionedWant, a.instanceCores)
  if (!instancesRight) {
    const otherPointer = a.coreKind === 'vCPU' ? '/assumptions/instance/physical_cores' : '/assumptions/instance/vcpus'
    const other = parseQuantity(valueAt(context.document, otherPointer), 'cores')
    const mixed = other.ok && other.quantity.value > 0 && other.quantity.value !== a.instanceCores && instances === ceil(provisioned, other.quantity.value)
    const note = !mixed
      ? ''
      : a.coreKind === 'cores'
        ? `: cores_per_job counts physical cores, so divide by the instance's ${show(a.instanceCores)} physical cores, not by its ${show(other.quantity.value)} vCPU`
        : `: cores_per_job counts vCPU, so divide by the instance's ${show(a.instanceCores)} vCPU, not by its ${show(other.quantity.value)} physical cores`
    problems.push(`${at(context, '/capacity/instances')} ${show(instances)} instances, but cores provisioned / ${which(a.coreKind)} per instance, rounded up, is ⌈${show(provisioned)} / ${show(a.instanceCores)}⌉ = ${instancesWant}${note}`)
  }
  const utilisation = number(context, '/capacity/utilisation_at_peak')
  const utilisationWant = instances > 0 ? busy / (instances * a.instanceCores) : Number.POSITIVE_INFINITY
  if (!close(utilisation, utilisationWant)) {
    problems.push(`${at(context, '/capacity/utilisation_at_peak')} ${utilisation}, but cores busy / ${which(a.coreKind)} of all instances is ${show(busy)} / (${show(instances)} × ${show(a.instanceCores)}) = ${show(utilisationWant)} (${off(utilisation, utilisationWant)})`)
  }
  if (instancesRight && utilisationWant >= SCENARIO.maxUtilisation) {
    problems.push(`${at(context, '/capacity/utilisation_at_peak')} ${show(utilisationWant)}: at the peak the utilisation must stay below ${SCENARIO.maxUtilisation}, or the queue grows without bound at the first burst above the design peak; raise the headroom`)
  }
})

/** `vCPU` or `physical cores`, for messages. */
function which(kind: 'vCPU' | 'cores'): string {
  return kind === 'vCPU' ? 'vCPU' : 'physical cores'
}

const capacityCost = documentCheck((context, problems) => {
  const a = assumptions(context)
  const instances = quantity(context, '/capacity/instances', 'count').value
  const cost = to(quantity(context, '/capacity/monthly_cost', 'money-rate'), 'USD/month')
  const want = instances * a.pricePerHour * a.hoursPerMonth
  if (!close(cost, want)) {
    problems.push(`${at(context, '/capacity/monthly_cost')} ${show(cost)} USD/month, but instances × price × hours per month is ${show(instances)} × ${show(a.pricePerHour)} USD/hour × ${show(a.hoursPerMonth)} hour/month = ${show(want)} USD/month (${off(cost, want)})`)
  }
  const within = valueAt(context.document, '/capacity/within_budget')
  const fits = cost <= a.budget
  if (within !== fits) {
    problems.push(`${at(context, '/capacity/within_budget')} ${String(within)}, but your monthly cost of ${show(cost)} USD is ${fits ? 'within' : 'over'} your budget of ${show(a.budget)} USD/month`)
  }
})

const budget = documentCheck((context, problems) => {
  const a = assumptions(context)
  if (!close(a.budget, SCENARIO.budget, 0.001)) {
    problems.push(`${at(context, '/assumptions/budget')} ${show(a.budget)} USD/month, but the scenario's budget is ${SCENARIO.budget} USD/month`)
  }
  const instances = quantity(context, '/capacity/instances', 'count').value
  const cost = instances * a.pricePerHour * a.hoursPerMonth
  if (cost > SCENARIO.budget) {
    problems.push(`${at(context, '/capacity/monthly_cost')} ${show(instances)} instances × ${show(a.pricePerHour)} USD/hour × ${show(a.hoursPerMonth)} hour/month = ${show(cost)} USD/month, over the ${SCENARIO.budget} USD/month budget by ${show(cost - SCENARIO.budget)} USD`)
  }
})

// ---------------------------------------------------------------------------------------------
// The SLA

const ROWS = ['common_case', 'largest'] as const

function slaRow(context: DocumentCheckContext, row: (typeof ROWS)[number]) {
  const base = `/sla_check/${row}`
  return {
    base,
    size: quantity(context, `${base}/size`, 'data').value,
    serial: to(quantity(context, `${base}/serial_processing`, 'duration'), 'min'),
    processing: to(quantity(context, `${base}/processing`, 'duration'), 'min'),
    total: to(quantity(context, `${base}/total`, 'duration'), 'min'),
  }
}

const slaTotals = documentCheck((context, problems) => {
  const a = assumptions(context)
  const wait = to(quantity(context, '/sla_check/expected_queue_wait', 'duration'), 'min')
  const rows = ROWS.map((row) => slaRow(context, row))
  for (const r of rows) {
    const want = wait + r.processing
    if (!close(r.total, want)) problems.push(`${at(context, `${r.base}/total`)} ${show(r.total)} min, but queue wait + processing is ${show(wait)} + ${show(r.processing)} = ${show(want)} min (${off(r.total, want)})`)
  }
  const meets = valueAt(context.document, '/sla_check/meets_sla')
  const fits = rows.every((r) => r.total <= a.slaMin)
  if (meets !== fits) {
    const totals = rows.map((r) => `${show(r.total)} min`).join(' and ')
    problems.push(`${at(context, '/sla_check/meets_sla')} ${String(meets)}, but your totals (${totals}) ${fits ? 'are both within' : 'are not both within'} your SLA of ${show(a.slaMin)} min`)
  }
})

const slaMet = documentCheck((context, problems) => {
  const slaMin = to(quantity(context, '/assumptions/sla', 'duration'), 'min')
  if (!close(slaMin, SCENARIO.sla, 0.001)) problems.push(`${at(context, '/assumptions/sla')} ${show(slaMin)} min, but the scenario promises publication within ${SCENARIO.sla} min`)
  const wait = to(quantity(context, '/sla_check/expected_queue_wait', 'duration'), 'min')
  for (const row of ROWS) {
    const r = slaRow(context, row)
    const total = wait + r.processing
    if (total > SCENARIO.sla * (1 + 1e-9)) {
      problems.push(`${at(context, `${r.base}/processing`)} queue wait + processing is ${show(wait)} + ${show(r.processing)} = ${show(total)} min for ${row === 'largest' ? 'the largest video' : 'the common case'}, over the ${SCENARIO.sla}-minute SLA`)
    }
  }
  const largest = slaRow(context, 'largest')
  if (largest.size < SCENARIO.largestBytes * (1 - TOLERANCE)) {
    problems.push(`${at(context, '/sla_check/largest/size')} ${show(largest.size / 1e9)} GB, but the scenario accepts files up to 10 GB: check the largest one`)
  }
  if (!(largest.serial > largest.processing)) {
    problems.push(`${at(context, '/sla_check/largest/serial_processing')} ${show(largest.serial)} min as one job against ${show(largest.processing)} min as designed: the largest file's design must beat processing it serially, by cutting it into segments that run in parallel`)
  }
})

// ---------------------------------------------------------------------------------------------
// Failure handling

const retriesBounded = documentCheck((context, problems) => {
  const retries = number(context, '/failure_handling/max_retries')
  if (retries < 1) problems.push(`${at(context, '/failure_handling/max_retries')} ${retries}: with no retry a passing network fault fails the video; allow between 1 and 10`)
  else if (retries > 10) problems.push(`${at(context, '/failure_handling/max_retries')} ${retries} retries is unbounded in practice: a task that can never succeed keeps a slot busy for hours and its video never reaches the dead-letter path; allow between 1 and 10`)
})

const backoffGrows = documentCheck((context, problems) => {
  const base = to(quantity(context, '/failure_handling/backoff/base', 'duration'), 's')
  const factor = number(context, '/failure_handling/backoff/factor')
  const max = to(quantity(context, '/failure_handling/backoff/max', 'duration'), 's')
  if (!(base > 0)) problems.push(`${at(context, '/failure_handling/backoff/base')} the first delay must be longer than zero, or the first retry hits the fault that just happened`)
  if (!(factor > 1)) problems.push(`${at(context, '/failure_handling/backoff/factor')} ${factor}: the delays must grow (factor above 1), or retries keep hammering a dependency that is down`)
  if (!(max >= base)) problems.push(`${at(context, '/failure_handling/backoff/max')} the cap (${show(max)} s) is below the first delay (${show(base)} s); the cap must be at least the base`)
})

const deadLetter = documentCheck((context, problems) => {
  const retries = number(context, '/failure_handling/max_retries')
  const after = quantity(context, '/failure_handling/dead_letter/after', 'count').value
  if (after !== retries + 1) {
    problems.push(`${at(context, '/failure_handling/dead_letter/after')} ${show(after)} attempts, but the first attempt plus ${retries} retries is ${retries + 1} attempts: the task must be dead-lettered after exactly max_retries + 1 attempts`)
  }
  if (text(context, '/failure_handling/dead_letter/action').trim() === '') problems.push(`${at(context, '/failure_handling/dead_letter/action')} say what happens to a dead-lettered task`)
})

/** Words of a field name: `videoId`, `video-id` and `video_id` all give video, id. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
}

/** Words naming something that changes between attempts of the same work. */
const CHANGING = new Set([
  'attempt', 'attempts', 'retry', 'retries', 'try', 'tries', 'worker', 'workers', 'host', 'hostname', 'pod', 'pid',
  'timestamp', 'clock', 'now', 'date', 'datetime', 'epoch', 'lease', 'fencing', 'random', 'rand', 'uuid', 'guid', 'nonce', 'run',
])
/** Words that make a `time` field a position in the footage rather than a clock reading. */
const FOOTAGE = new Set(['segment', 'offset', 'footage', 'position', 'media', 'pts'])

const idempotencyKey = documentCheck((context, problems) => {
  const pointer = '/failure_handling/idempotency_key/derived_from'
  const fields = list(context, pointer).filter((f): f is string => typeof f === 'string')
  const split = fields.map(words)
  const video = split.some((w) => w.includes('video'))
  const task = split.some((w) => w.includes('task') || w.includes('stage'))
  if (!video || !task) {
    const lacking = [video ? '' : 'the video (video_id)', task ? '' : 'the task (task or stage)'].filter((x) => x !== '').join(' and ')
    problems.push(`${at(context, pointer)} ${fields.length === 0 ? 'the key is derived from nothing' : `[${fields.join(', ')}]`}: the key must identify ${lacking}, or two runs of the same work cannot be recognised as one`)
  }
  fields.forEach((field, index) => {
    const w = split[index]!
    const changing = w.some((x) => CHANGING.has(x)) || (w.includes('time') && !w.some((x) => FOOTAGE.has(x)))
    if (changing) problems.push(`${at(context, `${pointer}/${index}`)} \`${field}\` changes between attempts, so a retry gets a new key and its output counts as a second result; derive the key from what identifies the work only`)
  })
})

const workerDeath = documentCheck((context, problems) => {
  const interval = to(quantity(context, '/failure_handling/worker_death/heartbeat_interval', 'duration'), 's')
  const timeout = to(quantity(context, '/failure_handling/worker_death/lease_timeout', 'duration'), 's')
  if (!(interval > 0)) problems.push(`${at(context, '/failure_handling/worker_death/heartbeat_interval')} the heartbeat interval must be longer than zero`)
  if (!(timeout > interval)) {
    problems.push(`${at(context, '/failure_handling/worker_death/lease_timeout')} ${show(timeout)} s is not longer than the ${show(interval)} s heartbeat interval: a live worker would lose its task between two heartbeats; let several heartbeats fit in one timeout`)
  }
})

// ---------------------------------------------------------------------------------------------
// The common case and the outliers

const chunking = documentCheck((context, problems) => {
  if (valueAt(context.document, '/distribution/chunking/enabled') !== true) {
    problems.push(`${at(context, '/distribution/chunking/enabled')} chunking is off: a 1 GB file as one job takes longer than the SLA, and a 10 GB file hours`)
  }
  const length = to(quantity(context, '/distribution/chunking/segment_length', 'duration'), 's')
  if (length < 10 || length > 600) {
    problems.push(`${at(context, '/distribution/chunking/segment_length')} ${show(length)} s: segments must be between 10 s and 10 min; ${length < 10 ? 'shorter ones spend more on start-up and bookkeeping than on encoding' : 'longer ones leave too little parallelism to bring a large file under the SLA'}`)
  }
})

const priorityLanes = documentCheck((context, problems) => {
  const lanes = list(context, '/distribution/priority_lanes')
  const names = new Map<string, number>()
  lanes.forEach((lane, index) => {
    const {name, weight} = (typeof lane === 'object' && lane !== null ? lane : {}) as {name?: unknown; weight?: unknown}
    if (typeof name === 'string') {
      if (names.has(name)) problems.push(`${at(context, `/distribution/priority_lanes/${index}/name`)} the lane \`${name}\` is declared twice`)
      else names.set(name, index)
    }
    if (!(typeof weight === 'number' && weight > 0)) problems.push(`${at(context, `/distribution/priority_lanes/${index}/weight`)} a lane's weight must be positive, or it gets no slots under contention and starves`)
  })
  if (names.size < 2) problems.push(`${at(context, '/distribution/priority_lanes')} ${names.size === 0 ? 'no lane' : 'one lane'}: with fewer than two lanes, one 10 GB upload's thousand tasks queue ahead of everyone else's`)
  const lane = text(context, '/distribution/outliers/lane')
  if (!names.has(lane)) {
    const near = closest(lane, names.keys())
    problems.push(`${at(context, '/distribution/outliers/lane')} \`${lane}\` is not one of the lanes (${[...names.keys()].join(', ')})${near ? `; did you mean \`${near}\`?` : ''}`)
  }
  const threshold = quantity(context, '/distribution/outliers/threshold', 'data').value
  if (!(threshold > 0)) problems.push(`${at(context, '/distribution/outliers/threshold')} the outlier threshold must be a positive size`)
})

export const documentChecks: Record<string, DocumentCheck> = {
  'job-graph-acyclic': jobGraphAcyclic,
  'job-graph-stages': jobGraphStages,
  'job-graph-branches-meet': jobGraphBranchesMeet,
  'capacity-inputs': capacityInputs,
  'capacity-littles-law': capacityLittlesLaw,
  'capacity-fleet': capacityFleet,
  'capacity-cost': capacityCost,
  budget,
  'sla-totals': slaTotals,
  'sla-met': slaMet,
  'retries-bounded': retriesBounded,
  'backoff-grows': backoffGrows,
  'dead-letter': deadLetter,
  'idempotency-key': idempotencyKey,
  'worker-death': workerDeath,
  chunking,
  'priority-lanes': priorityLanes,
}
