import {hostname} from 'node:os'
import type {SubmissionResult} from '../result.js'

/**
 * JUnit XML in the strict Apache Ant dialect (the one most CI systems read): one testsuite per
 * learner and unit, one testcase per case. Skipped cases are <skipped/>, errors <error/>,
 * failures <failure/>. Validated against the Ant schema in the tests.
 */
function escape(text: string): string {
  return (
    text
      // XML 1.0 cannot carry most control characters, even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
  )
}

/** The schema's timestamp has no zone and no fraction: 2026-11-25T20:07:20. */
function timestamp(iso: string): string {
  return iso.replace(/\.\d+Z?$/, '').replace(/Z$/, '')
}

export function junitXml(results: readonly SubmissionResult[]): string {
  const host = escape(hostname() || 'localhost')
  const suites = results.map((r, id) => {
    const failures = r.cases.filter((c) => c.status === 'failed').length
    const errors = r.cases.filter((c) => c.status === 'error').length + (r.error ? 1 : 0)
    const skipped = r.cases.filter((c) => c.status === 'skipped').length
    const cases = r.cases.map((c) => {
      const open = `    <testcase name="${escape(c.title)}" classname="${escape(`${r.unit}.${c.name}`)}" time="${(c.duration_ms / 1000).toFixed(3)}"`
      const message = escape(c.feedback)
      switch (c.status) {
        case 'passed':
          return `${open}/>`
        case 'skipped':
          return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`
        case 'error':
          return `${open}>\n      <error message="${message}" type="error">${escape(c.hint ?? '')}</error>\n    </testcase>`
        case 'failed':
          return `${open}>\n      <failure message="${message}" type="failure">${escape(c.hint ?? '')}</failure>\n    </testcase>`
      }
    })
    if (r.error) {
      cases.unshift(`    <testcase name="could not be graded" classname="${escape(`${r.unit}.submission`)}" time="0.000">\n      <error message="${escape(r.error.message)}" type="${r.error.kind}"/>\n    </testcase>`)
    }
    const properties = [
      ['learner', r.learner],
      ['unit', r.unit],
      ['score', `${r.score}/${r.max_score}`],
      ['status', r.status],
      ['grader_version', r.grader.version],
      ['seed', `${r.seed.mode}:${r.seed.fingerprint}`],
      ['submission_sha256', r.submission.sha256],
    ]
      .map(([name, value]) => `      <property name="${escape(name!)}" value="${escape(value!)}"/>`)
      .join('\n')
    return [
      `  <testsuite package="${escape(r.learner)}" id="${id}" name="${escape(`${r.learner}.${r.unit}`)}" timestamp="${timestamp(r.timings.started_at)}" hostname="${host}" tests="${r.cases.length + (r.error ? 1 : 0)}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(r.timings.total_ms / 1000).toFixed(3)}">`,
      `    <properties>\n${properties}\n    </properties>`,
      ...cases,
      '    <system-out></system-out>',
      '    <system-err></system-err>',
      '  </testsuite>',
    ].join('\n')
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`
}
