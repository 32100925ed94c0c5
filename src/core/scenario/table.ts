import type {ScenarioText} from './document.js'

/** Where a unit's text shows its scenario table: a line holding only this comment. */
export const SCENARIO_MARKER = '<!-- scenario -->'

/** Digits grouped in threes, as the course writes figures in prose: 10000 → 10,000. */
function grouped(text: string): string {
  return text.replace(/^(-?)(\d{5,})/, (_, sign: string, digits: string) => `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`)
}

const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ')

/** The scenario as a markdown table: what each figure is, and its value. */
export function scenarioTable(scenario: ScenarioText): string {
  const figures = [...scenario.figures.values()]
  const notes = figures.some((f) => f.note !== undefined)
  const header = notes ? '| Figure | Value | Note |\n| --- | ---: | --- |' : '| Figure | Value |\n| --- | ---: |'
  const rows = figures.map((f) => `| ${cell(f.label)} | ${cell(grouped(f.text))} |${notes ? ` ${cell(f.note ?? '')} |` : ''}`)
  const lead = scenario.learner === undefined ? '' : `These are your figures (the scenario drawn for \`${scenario.learner}\`); answer with them.\n\n`
  return `${lead}${header}\n${rows.join('\n')}`
}

/** A figure named in prose: `{{workers}}` reads as the figure's value, `10,000 workers`. */
export const FIGURE_PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/g

/**
 * The text with its scenario marker replaced by the table and every `{{figure}}` by the figure,
 * so the prose of a learner's variant states the learner's own figures. Text that names no figure
 * is returned as it is; a placeholder naming no figure stays (`course dev check` reports it).
 */
export function withScenario(markdown: string, scenario: ScenarioText | undefined): string {
  if (scenario === undefined) return markdown
  const table = markdown.includes(SCENARIO_MARKER) ? markdown.replace(SCENARIO_MARKER, () => scenarioTable(scenario)) : markdown
  return table.replace(FIGURE_PLACEHOLDER, (whole, id: string) => {
    const figure = scenario.figures.get(id)
    return figure ? grouped(figure.text) : whole
  })
}

/** Placeholders of a text that name no figure of the scenario (for `course dev check`). */
export function unknownPlaceholders(markdown: string, scenario: ScenarioText | undefined): string[] {
  return [...markdown.matchAll(FIGURE_PLACEHOLDER)].map((m) => m[1]!).filter((id) => !scenario?.figures.has(id))
}
