import {describe, expect, it} from 'vitest'
import {DiagramError, parseMermaid} from '../../../src/core/markdown/mermaid.js'
import {outlineDiagram} from '../../../src/core/markdown/mermaid-outline.js'

describe('parseMermaid: flowcharts', () => {
  it('reads subgraphs, shapes, labels and links', () => {
    const diagram = parseMermaid(`graph TB
    subgraph "Ingest"
        U[Intake endpoint] --> Q[Work queue]
    end
    subgraph Scheduler [Task scheduler]
        Q --> JM[Dispatcher]
        JM --> DB[(Task store)]
    end
    A{Needs JS?} -->|No| B([Simple fetch])
    A -- Yes --> C[["Browser (pool)"]]`)
    expect(diagram.kind).toBe('flowchart')
    expect(diagram.direction).toBe('top to bottom')
    expect(diagram.labels.get('DB')).toBe('Task store')
    expect(diagram.labels.get('C')).toBe('Browser (pool)')
    expect(diagram.groups.map((g) => [g.title, g.nodes])).toEqual([
      ['Ingest', ['U', 'Q']],
      ['Task scheduler', ['JM', 'DB']],
    ])
    expect(diagram.edges).toContainEqual({from: 'A', to: 'B', label: 'No', undirected: false})
    expect(diagram.edges).toContainEqual({from: 'A', to: 'C', label: 'Yes', undirected: false})
  })

  it('expands chains and & groups into every edge', () => {
    const diagram = parseMermaid('flowchart LR\n  A & B --> C --> D')
    expect(diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>C', 'B>C', 'C>D'])
  })

  it('keeps nested brackets and line breaks readable', () => {
    const diagram = parseMermaid('graph LR\n  R[Register[5] = max(3, old)] --> M["(the,1)<br/>(fox,1)"]')
    expect(diagram.labels.get('R')).toBe('Register[5] = max(3, old)')
    expect(diagram.labels.get('M')).toBe('(the,1) / (fox,1)')
  })

  it('locates what it cannot read', () => {
    expect(() => parseMermaid('graph LR\n  A --> B\n  A -->')).toThrow(DiagramError)
    try {
      parseMermaid('graph LR\n  A --> B\n  subgraph X\n  C --> D')
    } catch (error) {
      expect(error).toBeInstanceOf(DiagramError)
      expect((error as DiagramError).message).toMatch(/never closed/)
    }
    expect(() => parseMermaid('pie title Pets\n "Dogs" : 386')).toThrow(/unsupported diagram type `pie`/)
  })
})

describe('parseMermaid: state and sequence diagrams', () => {
  it('reads transitions with start, end and labels', () => {
    const diagram = parseMermaid(`stateDiagram-v2
    [*] --> Queued
    Queued --> Running: a worker leases it
    Running --> Done: acknowledged
    Done --> [*]`)
    expect(diagram.kind).toBe('state')
    expect(diagram.edges[0]).toEqual({from: '[start]', to: 'Queued'})
    expect(diagram.edges[1]).toEqual({from: 'Queued', to: 'Running', label: 'a worker leases it'})
    expect(diagram.labels.get('[end]')).toBe('end')
  })

  it('reads participants and messages in order', () => {
    const diagram = parseMermaid('sequenceDiagram\n  participant W as Worker\n  W->>Q: poll\n  Q-->>W: task')
    expect(diagram.labels.get('W')).toBe('Worker')
    expect(diagram.edges.map((e) => e.label)).toEqual(['poll', 'task'])
  })
})

describe('outlineDiagram', () => {
  it('groups the edges of one source on one line', () => {
    const {title, lines} = outlineDiagram(parseMermaid('graph LR\n  D[Download] --> S[Split]\n  S --> T1[1080p]\n  S --> T2[720p]\n  X[Alone]'))
    expect(title).toBe('Flowchart, left to right')
    expect(lines).toEqual(['Flow:', '  Download → Split', '  Split → 1080p, 720p', 'Also: Alone'])
  })

  it('writes transitions with their labels', () => {
    const {lines} = outlineDiagram(parseMermaid('stateDiagram-v2\n  [*] --> A\n  A --> B: go\n  A --> C: fail'))
    expect(lines).toEqual(['Transitions:', '  start → A', '  A → B (go), C (fail)'])
  })
})
