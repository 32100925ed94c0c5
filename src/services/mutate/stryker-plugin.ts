/**
 * The StrykerJS plugin that lets the unit's grader judge each mutant.
 *
 * Why a plugin, and why it only forwards: Stryker normally runs tests against its own instrumented
 * copy of the code, where every mutant is compiled in and switched on by a global and an
 * environment variable. The grading sandbox forbids exactly those (no env, no extra globals), and
 * a learner never hands in instrumented code. So this test runner ignores the instrumented files:
 * for each mutant it sends Stryker's description of it (location and replacement) over a local
 * socket to the `course` process that started Stryker, which applies it to a clean copy of the
 * reference and grades that copy the way it grades any learner. Grading stays in one place, with
 * its sandbox, limits and reports; the plugin is a few dozen lines with no imports but Node's.
 *
 * It is written to a temporary file at run time because Stryker loads plugins by path, in its own
 * worker processes, and the CLI ships as one bundle with no separate file to point at.
 * The reporter half tells the same process how many mutants will run and when each is done,
 * which is all the progress display needs.
 */
export const PLUGIN_SOURCE = String.raw`import net from 'node:net'

/** One newline-delimited JSON connection to the course process; answers matched by id. */
function connect(address) {
  const pending = new Map()
  let next = 0
  let buffer = ''
  const socket = net.createConnection(address)
  socket.setEncoding('utf8')
  const opened = new Promise((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  socket.on('error', (error) => {
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  })
  socket.on('data', (chunk) => {
    buffer += chunk
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, end))
      buffer = buffer.slice(end + 1)
      const waiter = pending.get(message.id)
      if (waiter) {
        pending.delete(message.id)
        waiter.resolve(message)
      }
    }
  })
  return {
    opened,
    ask(body) {
      const id = ++next
      return new Promise((resolve, reject) => {
        pending.set(id, {resolve, reject})
        socket.write(JSON.stringify({...body, id}) + '\n')
      })
    },
    tell(body) {
      socket.write(JSON.stringify(body) + '\n')
    },
    close() {
      return new Promise((resolve) => socket.end(resolve))
    },
  }
}

class CourseGraderRunner {
  static inject = ['options']
  constructor(options) {
    this.address = options.courseMutate.address
  }
  capabilities() {
    return {reloadEnvironment: true}
  }
  async init() {
    this.link = connect(this.address)
    await this.link.opened
  }
  async dryRun() {
    const answer = await this.link.ask({kind: 'dry-run'})
    // TestStatus.Success is 0 in Stryker's API. The grading's time is shared out among the cases,
    // so Stryker's sum (its timeout's base) is one grading of the reference.
    const each = Math.ceil(answer.ms / Math.max(1, answer.tests.length))
    return {status: 'complete', tests: answer.tests.map((name) => ({id: name, name, status: 0, timeSpentMs: each}))}
  }
  async mutantRun({activeMutant}) {
    const {id, fileName, mutatorName, replacement, location} = activeMutant
    const answer = await this.link.ask({kind: 'mutant', mutant: {id, fileName, mutatorName, replacement, location}})
    return answer.result
  }
  async dispose() {
    await this.link?.close()
  }
}

class CourseProgressReporter {
  static inject = ['options']
  constructor(options) {
    this.link = connect(options.courseMutate.address)
  }
  onMutationTestingPlanReady({mutantPlans}) {
    this.link.tell({kind: 'plan', total: mutantPlans.length})
  }
  onMutantTested(result) {
    this.link.tell({kind: 'tested', mutant: result.id, status: result.status})
  }
  async wrapUp() {
    await this.link.close()
  }
}

export const strykerPlugins = [
  {kind: 'TestRunner', name: 'course-grader', injectableClass: CourseGraderRunner},
  {kind: 'Reporter', name: 'course-progress', injectableClass: CourseProgressReporter},
]

/** Declares the option that carries the socket address, so Stryker accepts it without a warning. */
export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {courseMutate: {type: 'object', properties: {address: {type: 'string'}}, required: ['address']}},
}
`
