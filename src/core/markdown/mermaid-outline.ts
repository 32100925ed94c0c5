import type {Diagram, DiagramEdge} from './mermaid.js'

const TITLES: Record<Diagram['kind'], string> = {
  flowchart: 'Flowchart',
  state: 'State machine',
  sequence: 'Sequence',
}

/**
 * A diagram as plain lines a reader can follow: a title, the groups with their members, then the
 * edges, with every edge of one source on one line ("Split → Transcode 720p, Thumbnails").
 */
export function outlineDiagram(diagram: Diagram): {title: string; lines: string[]} {
  const name = (id: string) => diagram.labels.get(id) ?? id
  const title = `${TITLES[diagram.kind]}${diagram.direction ? `, ${diagram.direction}` : ''}`
  const lines: string[] = []

  const groups = diagram.groups.filter((g) => g.nodes.length > 0)
  if (groups.length > 0) {
    lines.push('Parts:')
    for (const group of groups) lines.push(`  ${group.title}: ${group.nodes.map(name).join(', ')}`)
  }

  if (diagram.kind === 'sequence') {
    lines.push('Messages:')
    diagram.edges.forEach((edge, index) => lines.push(`  ${index + 1}. ${name(edge.from)} → ${name(edge.to)}: ${edge.label ?? ''}`.trimEnd()))
    return {title, lines}
  }

  if (diagram.edges.length > 0) {
    lines.push(diagram.kind === 'state' ? 'Transitions:' : 'Flow:')
    for (const [from, edges] of bySource(diagram.edges)) {
      const arrow = edges.every((e) => e.undirected) ? '—' : '→'
      lines.push(`  ${name(from)} ${arrow} ${edges.map((e) => (e.label ? `${name(e.to)} (${e.label})` : name(e.to))).join(', ')}`)
    }
  }

  const connected = new Set(diagram.edges.flatMap((e) => [e.from, e.to]))
  const grouped = new Set(groups.flatMap((g) => g.nodes))
  const alone = [...diagram.labels.keys()].filter((id) => !connected.has(id) && !grouped.has(id))
  if (alone.length > 0) lines.push(`Also: ${alone.map(name).join(', ')}`)
  return {title, lines}
}

function bySource(edges: readonly DiagramEdge[]): Map<string, DiagramEdge[]> {
  const map = new Map<string, DiagramEdge[]>()
  for (const edge of edges) {
    const list = map.get(edge.from)
    if (list) list.push(edge)
    else map.set(edge.from, [edge])
  }
  return map
}
