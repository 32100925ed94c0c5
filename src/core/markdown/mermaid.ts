/**
 * Reads the subset of mermaid the course uses (flowcharts, state diagrams, sequence diagrams)
 * into nodes and edges, so a terminal can show a diagram as a readable outline instead of
 * its source. The content linter runs every diagram through this parser, which keeps the
 * course's diagrams inside the subset.
 */

export type DiagramKind = 'flowchart' | 'state' | 'sequence'

export interface DiagramEdge {
  readonly from: string
  readonly to: string
  readonly label?: string
  readonly undirected?: boolean
}

export interface DiagramGroup {
  readonly title: string
  readonly nodes: string[]
}

export interface Diagram {
  readonly kind: DiagramKind
  readonly direction?: string
  /** Node id -> display label. */
  readonly labels: Map<string, string>
  readonly groups: DiagramGroup[]
  readonly edges: DiagramEdge[]
}

export class DiagramError extends Error {
  constructor(
    message: string,
    /** 1-based line within the diagram source. */
    readonly line: number,
  ) {
    super(message)
    this.name = 'DiagramError'
  }
}

const DIRECTIONS: Record<string, string> = {
  TB: 'top to bottom',
  TD: 'top to bottom',
  BT: 'bottom to top',
  LR: 'left to right',
  RL: 'right to left',
}

/** Statements that style or annotate a diagram and carry no structure. */
const IGNORED = /^(classDef|class|style|linkStyle|click|direction|note|accTitle|accDescr|autonumber|activate|deactivate|title)\b/

/** Label text as a reader should see it: line breaks become " / ", quotes and entities go. */
export function cleanLabel(raw: string): string {
  return raw
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .replace(/<br\s*\/?>/gi, ' / ')
    .replace(/#quot;/g, '"')
    .replace(/#lt;/g, '<')
    .replace(/#gt;/g, '>')
    .replace(/#amp;/g, '&')
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

export function parseMermaid(source: string): Diagram {
  const lines = source.split('\n').map((line) => line.replace(/%%.*$/, '').trim())
  const first = lines.findIndex((line) => line.length > 0)
  if (first === -1) throw new DiagramError('empty diagram', 1)
  const header = lines[first]!
  const body = lines.map((text, index) => ({text, line: index + 1})).slice(first + 1)
  const flow = /^(graph|flowchart)(?:\s+(TB|TD|BT|LR|RL))?\s*;?$/.exec(header)
  if (flow) return parseFlowchart(body, flow[2] ? DIRECTIONS[flow[2]] : undefined)
  if (/^stateDiagram(-v2)?\s*$/.test(header)) return parseState(body)
  if (/^sequenceDiagram\s*$/.test(header)) return parseSequence(body)
  throw new DiagramError(`unsupported diagram type \`${header.split(/\s/)[0]}\` (use flowchart, stateDiagram-v2 or sequenceDiagram)`, first + 1)
}

interface Line {
  readonly text: string
  readonly line: number
}

function emptyDiagram(kind: DiagramKind, direction?: string): Diagram {
  return {kind, direction, labels: new Map(), groups: [], edges: []}
}

// ---------------------------------------------------------------- flowcharts

const SHAPES: ReadonlyArray<readonly [string, string]> = [
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['((', '))'],
  ['{{', '}}'],
  ['[/', '/]'],
  ['[\\', '\\]'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['>', ']'],
]

const NODE_ID = /^[\p{L}\p{N}_][\p{L}\p{N}_\-.]*/u
/** `-- text -->`, `== text ==>`, `-. text .->` */
const TEXT_LINK = /^(<)?(--|==|-\.)\s+(.+?)\s+(-{2,}|={2,}|\.-+)([>ox])?(?=\s|$|[\p{L}\p{N}_])/u
/** `-->`, `---`, `==>`, `-.->`, `~~~`, optionally followed by `|text|` */
const PLAIN_LINK = /^(<)?(-{2,}|={2,}|-\.+-|~{3,})([>ox])?\s*(?:\|([^|]*)\|)?/

function parseFlowchart(body: Line[], direction?: string): Diagram {
  const diagram = emptyDiagram('flowchart', direction)
  const stack: DiagramGroup[] = []
  const owners: Owners = new Map()
  for (const {text, line} of body.flatMap(splitStatements)) {
    if (text === '' || IGNORED.test(text)) continue
    if (text === 'end') {
      if (!stack.pop()) throw new DiagramError('`end` without a `subgraph`', line)
      continue
    }
    const subgraph = /^subgraph\s+(.*)$/.exec(text)
    if (subgraph) {
      const group = {title: subgraphTitle(subgraph[1]!), nodes: []}
      diagram.groups.push(group)
      stack.push(group)
      continue
    }
    parseFlowStatement(text, line, diagram, stack.at(-1), owners)
  }
  if (stack.length > 0) throw new DiagramError(`subgraph \`${stack.at(-1)!.title}\` is never closed with \`end\``, body.at(-1)?.line ?? 1)
  return diagram
}

function splitStatements(entry: Line): Line[] {
  return entry.text.split(/;\s*$|;(?=\s)/).map((text) => ({text: text.trim(), line: entry.line}))
}

function subgraphTitle(rest: string): string {
  const bracketed = /^\S+\s*\[(.*)\]$/.exec(rest)
  return cleanLabel(bracketed ? bracketed[1]! : rest)
}

/**
 * A node belongs to the group where it is declared with a shape, or failing that the first group
 * that mentions it; `owners` remembers which, so a later mention elsewhere does not move it.
 */
type Owners = Map<string, {group: DiagramGroup; declared: boolean}>

function parseFlowStatement(text: string, line: number, diagram: Diagram, group: DiagramGroup | undefined, owners: Owners): void {
  let rest = text
  let previous: string[] | undefined
  let pending: {label?: string; undirected: boolean} | undefined
  for (;;) {
    const ids: string[] = []
    for (;;) {
      const node = readNode(rest, line, diagram)
      ids.push(node.id)
      if (group) claim(owners, node.id, group, node.declared)
      rest = node.rest.trimStart()
      if (!rest.startsWith('&')) break
      rest = rest.slice(1).trimStart()
    }
    if (previous && pending) {
      for (const from of previous) for (const to of ids) diagram.edges.push({from, to, ...pending})
    }
    if (rest === '') return
    const link = readLink(rest)
    if (!link) throw new DiagramError(`cannot read \`${rest.slice(0, 30)}\``, line)
    previous = ids
    pending = link.label === undefined ? {undirected: link.undirected} : {label: link.label, undirected: link.undirected}
    rest = link.rest.trimStart()
    if (rest === '') throw new DiagramError('a link must end at a node', line)
  }
}

function claim(owners: Owners, id: string, group: DiagramGroup, declared: boolean): void {
  const owner = owners.get(id)
  if (owner && (owner.declared || !declared)) return
  if (owner) owner.group.nodes.splice(owner.group.nodes.indexOf(id), 1)
  group.nodes.push(id)
  owners.set(id, {group, declared})
}

function readNode(text: string, line: number, diagram: Diagram): {id: string; rest: string; declared: boolean} {
  const idMatch = NODE_ID.exec(text)
  if (!idMatch) throw new DiagramError(`expected a node at \`${text.slice(0, 30)}\``, line)
  const id = idMatch[0]
  let rest = text.slice(id.length)
  let declared = false
  const shape = SHAPES.find(([open]) => rest.startsWith(open))
  if (shape) {
    const [open, close] = shape
    rest = rest.slice(open.length)
    let label: string
    if (rest.startsWith('"')) {
      const end = rest.indexOf('"', 1)
      if (end === -1) throw new DiagramError(`unclosed quote in the label of \`${id}\``, line)
      label = rest.slice(1, end)
      rest = rest.slice(end + 1)
      if (!rest.startsWith(close)) throw new DiagramError(`expected \`${close}\` after the label of \`${id}\``, line)
      rest = rest.slice(close.length)
    } else {
      const end = closingIndex(rest, close)
      if (end === -1) throw new DiagramError(`the label of \`${id}\` is never closed with \`${close}\``, line)
      label = rest.slice(0, end)
      rest = rest.slice(end + close.length)
    }
    diagram.labels.set(id, cleanLabel(label))
    declared = true
  } else if (!diagram.labels.has(id)) {
    diagram.labels.set(id, id)
  }
  rest = rest.replace(/^:::[\w-]+/, '')
  return {id, rest, declared}
}

/** Index of `close`, skipping nested square brackets inside an unquoted label. */
function closingIndex(text: string, close: string): number {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    if (depth === 0 && text.startsWith(close, i)) return i
    if (text[i] === '[') depth++
    else if (text[i] === ']') depth = Math.max(0, depth - 1)
  }
  return -1
}

function readLink(text: string): {label?: string; undirected: boolean; rest: string} | undefined {
  const withText = TEXT_LINK.exec(text)
  if (withText) {
    return {label: cleanLabel(withText[3]!), undirected: !withText[5], rest: text.slice(withText[0].length)}
  }
  const plain = PLAIN_LINK.exec(text)
  if (plain) {
    const label = plain[4] === undefined ? undefined : cleanLabel(plain[4])
    return {label, undirected: !plain[3] && !plain[2]!.startsWith('~'), rest: text.slice(plain[0].length)}
  }
  return undefined
}

// ---------------------------------------------------------------- state diagrams

const STATE_EDGE = /^(\[\*\]|[\p{L}\p{N}_.-]+)\s*-->\s*(\[\*\]|[\p{L}\p{N}_.-]+)\s*(?::\s*(.*))?$/u

function parseState(body: Line[]): Diagram {
  const diagram = emptyDiagram('state')
  const stack: DiagramGroup[] = []
  for (const {text, line} of body) {
    if (text === '' || IGNORED.test(text)) continue
    if (text === '}') {
      if (!stack.pop()) throw new DiagramError('`}` without a composite `state … {`', line)
      continue
    }
    const alias = /^state\s+"([^"]+)"\s+as\s+([\p{L}\p{N}_.-]+)\s*(\{)?$/u.exec(text)
    if (alias) {
      diagram.labels.set(alias[2]!, cleanLabel(alias[1]!))
      if (alias[3]) openComposite(diagram, stack, alias[2]!)
      continue
    }
    const composite = /^state\s+([\p{L}\p{N}_.-]+)\s*(\{)?\s*$/u.exec(text)
    if (composite) {
      if (!diagram.labels.has(composite[1]!)) diagram.labels.set(composite[1]!, composite[1]!)
      if (composite[2]) openComposite(diagram, stack, composite[1]!)
      continue
    }
    const edge = STATE_EDGE.exec(text)
    if (edge) {
      const from = stateId(edge[1]!, 'start')
      const to = stateId(edge[2]!, 'end')
      for (const id of [from, to]) {
        if (!diagram.labels.has(id)) diagram.labels.set(id, id === '[start]' ? 'start' : id === '[end]' ? 'end' : id)
        const group = stack.at(-1)
        if (group && !group.nodes.includes(id) && !id.startsWith('[')) group.nodes.push(id)
      }
      diagram.edges.push(edge[3] ? {from, to, label: cleanLabel(edge[3])} : {from, to})
      continue
    }
    const description = /^([\p{L}\p{N}_.-]+)\s*:\s*(.+)$/u.exec(text)
    if (description) {
      diagram.labels.set(description[1]!, `${description[1]} (${cleanLabel(description[2]!)})`)
      continue
    }
    throw new DiagramError(`cannot read \`${text.slice(0, 40)}\``, line)
  }
  if (stack.length > 0) throw new DiagramError(`composite state \`${stack.at(-1)!.title}\` is never closed with \`}\``, body.at(-1)?.line ?? 1)
  return diagram
}

function openComposite(diagram: Diagram, stack: DiagramGroup[], id: string): void {
  const group = {title: diagram.labels.get(id) ?? id, nodes: []}
  diagram.groups.push(group)
  stack.push(group)
}

function stateId(raw: string, pseudo: 'start' | 'end'): string {
  return raw === '[*]' ? `[${pseudo}]` : raw
}

// ---------------------------------------------------------------- sequence diagrams

const MESSAGE = /^([\p{L}\p{N}_]+)\s*(-{1,2}>>|-{1,2}>|-{1,2}x|-{1,2}\))\s*[+-]?([\p{L}\p{N}_]+)\s*:\s*(.*)$/u

function parseSequence(body: Line[]): Diagram {
  const diagram = emptyDiagram('sequence')
  for (const {text, line} of body) {
    if (text === '' || IGNORED.test(text) || /^(loop|alt|else|opt|par|and|critical|break|rect|end)\b/.test(text)) continue
    const participant = /^(participant|actor)\s+([\p{L}\p{N}_]+)(?:\s+as\s+(.+))?$/u.exec(text)
    if (participant) {
      diagram.labels.set(participant[2]!, cleanLabel(participant[3] ?? participant[2]!))
      continue
    }
    const message = MESSAGE.exec(text)
    if (message) {
      for (const id of [message[1]!, message[3]!]) if (!diagram.labels.has(id)) diagram.labels.set(id, id)
      diagram.edges.push({from: message[1]!, to: message[3]!, label: cleanLabel(message[4]!)})
      continue
    }
    throw new DiagramError(`cannot read \`${text.slice(0, 40)}\``, line)
  }
  return diagram
}
