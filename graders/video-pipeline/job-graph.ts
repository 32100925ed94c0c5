/**
 * The job graph: the stages and edges the learner declares must form a graph without cycles that
 * holds every required stage, reaches each stage from `upload`, and brings every branch together
 * at `merge`, with `publish` straight after it.
 */
import {closest, designCheck, type DesignReader} from 'course/kit'

const REQUIRED_STAGES = ['upload', 'split', 'transcode_1080p', 'transcode_720p', 'transcode_480p', 'thumbnails', 'subtitles', 'content_scan', 'merge']

interface Graph {
  /** Declared stage ids, in order, with the index of their first declaration. */
  readonly stages: Map<string, number>
  readonly duplicates: Array<{id: string; index: number}>
  readonly edges: Array<{from: string; to: string; index: number}>
  readonly successors: Map<string, string[]>
  readonly predecessors: Map<string, string[]>
}

/** The graph as declared; entries of the wrong shape are left out (the schema check names them). */
function graphOf(design: DesignReader): Graph {
  const stages = new Map<string, number>()
  const duplicates: Array<{id: string; index: number}> = []
  design.list('/job_graph/stages').forEach((stage, index) => {
    const id = typeof stage === 'object' && stage !== null ? (stage as {id?: unknown}).id : undefined
    if (typeof id !== 'string') return
    if (stages.has(id)) duplicates.push({id, index})
    else stages.set(id, index)
  })
  const edges: Array<{from: string; to: string; index: number}> = []
  const successors = new Map<string, string[]>()
  const predecessors = new Map<string, string[]>()
  design.list('/job_graph/edges').forEach((edge, index) => {
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

/** A cycle as a list of edge indices, or undefined: an iterative depth-first search (no stack overflow on long chains). */
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

/** No cycle among the edges; the one found is shown from the edge written first. */
export const jobGraphAcyclic = designCheck((design) => {
  const graph = graphOf(design)
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
  const closing = ordered.length > 1 ? `, and ${last.from} → ${last.to} at ${design.context.where(`/job_graph/edges/${last.index}`)} closes it` : ''
  design.flaw(`/job_graph/edges/${start.index}`, `the edges form a cycle, ${shown}: this edge (${start.from} → ${start.to}) starts it${closing}. A stage on a cycle waits for its own output and never runs.`)
})

/** Every stage id declared once, every required stage present, every edge between declared stages, every stage reachable from `upload`, `publish` only after `merge`. */
export const jobGraphStages = designCheck((design) => {
  const graph = graphOf(design)
  const {stages} = graph
  for (const d of graph.duplicates) design.flaw(`/job_graph/stages/${d.index}/id`, `the stage id \`${d.id}\` is declared twice`)
  const missing = REQUIRED_STAGES.filter((id) => !stages.has(id))
  if (missing.length > 0) design.flaw('/job_graph/stages', `no stage ${missing.map((m) => `\`${m}\``).join(', ')}; the graph needs every one of ${REQUIRED_STAGES.join(', ')}`)
  for (const e of graph.edges) {
    for (const end of ['from', 'to'] as const) {
      const id = e[end]
      if (stages.has(id)) continue
      const near = closest(id, stages.keys())
      design.flaw(`/job_graph/edges/${e.index}/${end}`, `\`${id}\` is not a declared stage${near ? ` (did you mean \`${near}\`?)` : ''}`)
    }
  }
  if (stages.has('upload')) {
    const seen = reachable('upload', graph.successors)
    for (const [id, index] of stages) {
      if (!seen.has(id)) design.flaw(`/job_graph/stages/${index}`, `\`${id}\` cannot be reached from \`upload\`: no chain of edges leads to it, so it would never run`)
    }
  }
  if (stages.has('publish')) {
    const before = graph.predecessors.get('publish') ?? []
    const wrong = before.filter((p) => p !== 'merge')
    if (!before.includes('merge') || wrong.length > 0) {
      design.flaw(
        `/job_graph/stages/${stages.get('publish')}`,
        `\`publish\` must come straight after \`merge\` and after nothing else (its only incoming edge: merge → publish); it has ${before.length === 0 ? 'no incoming edge' : `incoming edges from ${before.join(', ')}`}`,
      )
    }
  }
})

/** Every stage but `publish` leads to `merge`, so no branch's output is lost. */
export const jobGraphBranchesMeet = designCheck((design) => {
  const graph = graphOf(design)
  if (!graph.stages.has('merge')) {
    design.flaw('/job_graph/stages', 'there is no `merge` stage, so the branches have nowhere to meet')
    return
  }
  const reachesMerge = reachable('merge', graph.predecessors)
  for (const [id, index] of graph.stages) {
    if (id === 'merge' || id === 'publish' || reachesMerge.has(id)) continue
    const required = REQUIRED_STAGES.includes(id)
    design.flaw(`/job_graph/stages/${index}`, `\`${id}\` has no path to \`merge\`: ${required ? 'merge must receive its output, directly or through later stages' : 'its branch dangles and its output is never used'}`)
  }
})
