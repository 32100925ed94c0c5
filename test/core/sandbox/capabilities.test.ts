import {createSocket} from 'node:dgram'
import {createServer, type Server} from 'node:net'
import {existsSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {probeProtections} from '../../../src/core/sandbox/protections.js'
import {harnessPath, runSandboxed, sandboxRootPath} from '../../../src/core/sandbox/run.js'
import {tempDir} from '../../helpers/temp.js'

/**
 * The sandbox's capability matrix, one test per row (docs/decisions/0005-grading-sandbox.md lists
 * the same rows). Each probe runs in a real sandboxed child: a module whose top level tries the
 * thing (awaiting it when it is asynchronous) and exports what happened. Rows that need a Linux
 * protection this machine lacks are skipped, and the probe records which were active.
 */
const probe = probeProtections(harnessPath(), sandboxRootPath())
const namespaces = probe.unshare !== undefined
const privateFilesystem = namespaces && probe.filesystem !== undefined

/** Runs `body` (module code that sets `outcome`) in a sandbox and returns the outcome it exported. */
async function attempt(body: string, limits = {}): Promise<unknown> {
  const code = `let outcome\ntry {\n${body}\n} catch (error) { outcome = 'refused: ' + (error.code ?? error.message) }\nexport const get = () => outcome`
  const run = await runSandboxed({code, driver: 'script', limits, cases: [{id: 0, input: {steps: [{call: 'get'}]}}]})
  if (run.loadError) return `load error: ${run.loadError}`
  const outcome = run.outcomes[0]!
  return outcome.kind === 'output' ? (outcome.output as {results: [{value: unknown}]}).results[0].value : `${outcome.kind}: ${'reason' in outcome ? outcome.reason : ''}`
}

let dir: string
let tcp: Server
let unix: Server
let abstract: Server
let tcpPort = 0
let _connections = 0
const udpMessages: string[] = []
const udp = createSocket('udp4')
const socketFile = () => path.join(dir, 'grader.sock')

beforeAll(async () => {
  dir = tempDir({scope: 'file'})
  writeFileSync(path.join(dir, 'secret.txt'), 'SECRET')
  const count = () => {
    _connections++
  }
  tcp = createServer((s) => (count(), s.destroy()))
  unix = createServer((s) => (count(), s.destroy()))
  abstract = createServer((s) => (count(), s.destroy()))
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
  tcpPort = (tcp.address() as {port: number}).port
  await new Promise<void>((resolve) => unix.listen(socketFile(), resolve))
  await new Promise<void>((resolve) => abstract.listen('\0course-capability-test', resolve))
  udp.on('message', (m) => udpMessages.push(String(m)))
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  for (const server of [tcp, unix, abstract]) await new Promise((resolve) => server.close(resolve))
  udp.close()
})

const connect = (target: string) => `const net = await import('node:net'); outcome = await new Promise((resolve) => { const s = net.connect(${target}); s.on('connect', () => resolve('connected')); s.on('error', (e) => resolve('refused: ' + e.code)) })`

describe('the sandbox capability matrix', () => {
  it('file reads outside the harness are refused', async () => {
    expect(await attempt(`outcome = (await import('node:fs')).readFileSync(${JSON.stringify(path.join(dir, 'secret.txt'))}, 'utf8')`)).toBe('refused: ERR_ACCESS_DENIED')
  })

  it('file writes are refused, in the working folder and anywhere else', async () => {
    expect(await attempt(`(await import('node:fs')).writeFileSync('written.txt', 'x'); outcome = 'written'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(await attempt(`(await import('node:fs')).writeFileSync(${JSON.stringify(path.join(dir, 'written.txt'))}, 'x'); outcome = 'written'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(existsSync(path.join(dir, 'written.txt'))).toBe(false)
  })

  it('diagnostic reports and heap snapshots are refused', async () => {
    expect(await attempt(`process.report.writeReport(); outcome = 'report'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(await attempt(`(await import('node:v8')).writeHeapSnapshot(); outcome = 'snapshot'`)).toBe('refused: ERR_ACCESS_DENIED')
  })

  it('child processes, workers, native addons, the inspector and process.binding are refused', async () => {
    expect(await attempt(`(await import('node:child_process')).execSync('true'); outcome = 'spawned'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(await attempt(`new (await import('node:worker_threads')).Worker('0', {eval: true}); outcome = 'worker'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(await attempt(`process.dlopen({exports: {}}, '/nonexistent.node'); outcome = 'addon'`)).toMatch(/^refused: ERR_(ACCESS_DENIED|DLOPEN_DISABLED)$/)
    expect(await attempt(`(await import('node:inspector')).open(0); outcome = 'inspector'`)).toBe('refused: ERR_ACCESS_DENIED')
    expect(await attempt(`process.binding('fs'); outcome = 'binding'`)).toBe('refused: ERR_ACCESS_DENIED')
  })

  it('code generation from strings is refused', async () => {
    expect(await attempt(`outcome = eval('1 + 1')`)).toMatch(/^refused: .*Code generation from strings disallowed/)
    expect(await attempt(`outcome = new Function('return 1')()`)).toMatch(/^refused: .*Code generation from strings disallowed/)
  })

  it('the environment is empty', async () => {
    expect(await attempt(`outcome = Object.keys(process.env)`)).toEqual([])
  })

  it('the clock and Math.random are disabled', async () => {
    expect(await attempt(`outcome = Date.now()`)).toMatch(/^refused: Date.now\(\) is disabled/)
    expect(await attempt(`outcome = Math.random()`)).toMatch(/^refused: Math.random is disabled/)
  })

  it.skipIf(!namespaces)('TCP to the grader’s machine does not connect', async () => {
    expect(await attempt(connect(`${tcpPort}, '127.0.0.1'`))).toMatch(/^refused: (ECONNREFUSED|ENETUNREACH)/)
  })

  it.skipIf(!namespaces)('UDP to the grader’s machine never arrives', async () => {
    await attempt(`const s = (await import('node:dgram')).createSocket('udp4'); outcome = await new Promise((resolve) => s.send('stolen', ${(udp.address() as {port: number}).port}, '127.0.0.1', (e) => resolve(e ? 'refused: ' + e.code : 'sent')))`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(udpMessages).toEqual([])
  })

  it.skipIf(!namespaces)('DNS lookups fail', async () => {
    expect(await attempt(`outcome = await (await import('node:dns')).promises.lookup('localhost').then(() => 'resolved', (e) => 'refused: ' + e.code)`)).toMatch(/^refused: /)
  })

  it.skipIf(!privateFilesystem)('a Unix socket on disk is out of reach', async () => {
    expect(await attempt(connect(JSON.stringify(socketFile())))).toBe('refused: ENOENT')
  })

  it.skipIf(!namespaces)('an abstract Unix socket is out of reach', async () => {
    expect(await attempt(connect(JSON.stringify('\0course-capability-test')))).toBe('refused: ECONNREFUSED')
  })

  it.skipIf(!privateFilesystem)('paths the child can see name nothing of the grader’s machine', async () => {
    const seen = (await attempt(`outcome = [process.execPath, ...process.argv, process.cwd()].join(' ')`)) as string
    // Node at a system path (or /course/bin when it lives outside /usr), the harness at /course/harness.
    expect(seen).toMatch(/^(\/usr\/\S+|\/course\/bin\/node) \1 \/course\/harness\/harness.js \/$/)
    expect(seen).not.toContain(path.dirname(harnessPath()))
  })

  it.skipIf(!privateFilesystem)('standard input holds nothing (the mount table it carried is closed first)', async () => {
    expect(await attempt(`const b = Buffer.alloc(4096); outcome = (await import('node:fs')).readSync(0, b, 0, 4096, null)`)).toBe(0)
  })

  it.skipIf(!namespaces)('signals reach only the child itself, never the grader', async () => {
    // In its own PID namespace the child's parent is out of sight (ppid 0, so the kill goes to its
    // own process group): at most it kills itself, now or a moment later (when unshare, in the
    // same group, dies, and takes the child with it), and as its namespace's first process it
    // even ignores a kill of its own. This test process is the grader here, and it goes on.
    const contained = /^sent$|^refused: (ESRCH|EPERM)$|^(load error|crashed): the submission was killed/
    expect(await attempt(`process.kill(process.ppid, 'SIGKILL'); outcome = 'sent'`)).toMatch(contained)
    expect(await attempt(`process.kill(-1, 'SIGKILL'); outcome = 'sent'`)).toMatch(contained)
    expect(await attempt(`outcome = 'still grading'`)).toBe('still grading')
  })

  it('a heap bomb is stopped by the heap limit', async () => {
    expect(await attempt(`const hoard = []; for (;;) hoard.push(new Array(1e6).fill(7))`, {heapMb: 64})).toMatch(/load error: .*(memory|killed)/)
  })

  it.skipIf(probe.prlimit === undefined)('a Buffer bomb is stopped by the data limit', async () => {
    expect(await attempt(`const hoard = []; for (;;) hoard.push(Buffer.alloc(64 * 1024 * 1024, 1))`, {dataMb: 256, loadTimeoutMs: 20_000})).toMatch(/^refused: Array buffer allocation failed|^load error: /)
  })

  it('an endless loop is stopped by the time limit', async () => {
    expect(await attempt(`for (;;) {}`, {loadTimeoutMs: 500})).toMatch(/load error: loading the module took too long/)
  })

  it('runs nothing in the grader’s folder: the sandbox root stays empty', () => {
    expect(readdirSync(sandboxRootPath())).toEqual(['README'])
  })
})
