import type {SubmissionResult} from '../result.js'

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s+/g, ' ')
}

const percent = (score: number, max: number) => (max === 0 ? '0' : ((100 * score) / max).toFixed(1))

/**
 * A summary for humans that fits a CI step summary: totals, each learner's score, and the cases
 * that failed most often (where a class needs help, or a case needs a look).
 */
export function markdownSummary(results: readonly SubmissionResult[], title = 'Grading summary'): string {
  const lines = [`# ${title}`, '']
  const statuses = {pass: 0, fail: 0, error: 0}
  for (const r of results) statuses[r.status]++
  const units = [...new Set(results.map((r) => r.unit))].sort()
  lines.push(`${results.length} submission${results.length === 1 ? '' : 's'} · ${units.join(', ') || 'no unit'} · ${statuses.pass} passed, ${statuses.fail} failed, ${statuses.error} could not be graded`, '')
  const unseeded = results.filter((r) => r.seed.mode === 'unseeded').length
  if (unseeded > 0) lines.push(`> **Note.** ${unseeded} submission${unseeded === 1 ? ' was' : 's were'} graded without \`COURSE_GRADER_SECRET\`: hidden inputs were predictable.`, '')
  const warnings = [...new Set(results.flatMap((r) => r.sandbox.warnings))]
  for (const warning of warnings) lines.push(`> **Sandbox.** ${warning}`, '')

  lines.push('| learner | unit | score | % | status |', '| --- | --- | ---: | ---: | --- |')
  for (const r of [...results].sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))) {
    const status = r.error ? `${r.status}: ${cell(r.error.message.split('\n')[0]!)}` : r.status
    lines.push(`| ${cell(r.learner)} | ${r.unit} | ${r.score}/${r.max_score} | ${percent(r.score, r.max_score)} | ${status} |`)
  }

  const failing = new Map<string, {title: string; failed: number; ran: number}>()
  for (const r of results) {
    for (const c of r.cases) {
      const key = `${r.unit}: ${c.title}`
      const entry = failing.get(key) ?? {title: key, failed: 0, ran: 0}
      entry.ran++
      if (c.status !== 'passed') entry.failed++
      failing.set(key, entry)
    }
  }
  const hardest = [...failing.values()].filter((e) => e.failed > 0).sort((a, b) => b.failed / b.ran - a.failed / a.ran || a.title.localeCompare(b.title)).slice(0, 10)
  if (hardest.length > 0) {
    lines.push('', '## Cases failed most often', '', '| case | not passed |', '| --- | ---: |')
    for (const e of hardest) lines.push(`| ${cell(e.title)} | ${e.failed}/${e.ran} |`)
  }
  return `${lines.join('\n')}\n`
}
