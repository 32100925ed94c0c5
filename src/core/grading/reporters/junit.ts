import {hostname} from 'node:os'
import type {SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'

/**
 * Characters an XML 1.0 document cannot carry, even escaped: most C0 controls, U+FFFE and U+FFFF,
 * and a surrogate without its pair. C1 controls and a carriage return of its own are allowed but
 * go too: a CI log that prints the file could take U+009B for the start of a terminal escape, or
 * return to the start of a line and print over it.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function escape(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** The schema's timestamp has no zone and no fraction: 2026-11-25T20:07:20. */
function timestamp(iso: string): string {
  return iso.replace(/\.\d+Z?$/, '').replace(/Z$/, '')
}

/** One learner's unit as a `<testsuite>`; `id` is its position in the file. */
function testsuite(result: SubmissionResult, id: number, host: string): string {
  const r = cappedResult(result)
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
    cases.unshift(`    <testcase name="could not be graded" classname="${escape(`${r.unit}.submission`)}" time="0.000">\n      <error message="${escape(r.error.message)}" type="${escape(r.error.kind)}"/>\n    </testcase>`)
  }
  const properties = [
    ['learner', r.learner],
    ['unit', r.unit],
    ['score', `${r.score}/${r.max_score}`],
    ['status', r.status],
    ['grader_version', r.grader.version],
    ['seed', `${r.seed.mode}:${r.seed.fingerprint}`],
    ['submission_sha256', r.submission.sha256],
    // What a person should read before trusting the score (filler prose, departures).
    ...(r.review ?? []).map((line) => ['review', line]),
  ]
    .map(([name, value]) => `      <property name="${escape(name!)}" value="${escape(value!)}"/>`)
    .join('\n')
  return [
    `  <testsuite package="${escape(r.learner)}" id="${id}" name="${escape(`${r.learner}.${r.unit}`)}" timestamp="${escape(timestamp(r.timings.started_at))}" hostname="${host}" tests="${r.cases.length + (r.error ? 1 : 0)}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(r.timings.total_ms / 1000).toFixed(3)}">`,
    `    <properties>\n${properties}\n    </properties>`,
    ...cases,
    '    <system-out></system-out>',
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n')
}

/**
 * JUnit XML in the strict Apache Ant dialect (the one most CI systems read): one testsuite per
 * learner and unit, one testcase per case. Skipped cases are <skipped/>, errors <error/>,
 * failures <failure/>. Validated against the Ant schema in the tests. Made one testsuite at a
 * time, so a class's file is written as it is made.
 */
export function* junitPieces(results: readonly SubmissionResult[]): Generator<string> {
  const host = escape(hostname() || 'localhost')
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
  for (const [id, result] of results.entries()) yield `${id === 0 ? '' : '\n'}${testsuite(result, id, host)}`
  yield '\n</testsuites>\n'
}

/** The whole JUnit XML as one string: for one learner or a test, not a class (see `junitPieces`). */
export function junitXml(results: readonly SubmissionResult[]): string {
  return [...junitPieces(results)].join('')
}
