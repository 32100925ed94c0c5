import {execFileSync} from 'node:child_process'
import {cpSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {ROOT} from './cli.js'
import {materialise, submissionFixtures} from './fixtures.js'

/**
 * A hostile class: one learner folder per attack, beside honest learners. Attacks that need the
 * file system (links, pipes, hard links, odd folder names) cannot live in the repository as
 * fixtures, so each is a recipe that builds its learner's folder. Every attack says what it may
 * earn at most: nothing, when its own code is nothing (a link); full marks, when its honest code
 * is a correct solution and the attack beside it must simply have no effect.
 */
export interface AttackContext {
  /** The grading secret's file, outside the class. */
  readonly secretFile: string
  /** A Unix socket the grader's machine listens on. */
  readonly socketPath: string
  /** A folder outside the class, for what a learner folder may link to. */
  readonly outside: string
}

export interface Expectation {
  /** The most it may score: `full` for an attack that must change nothing, else points. */
  readonly maxScore: 'full' | number
  /** Its status, when one is certain. */
  readonly status?: 'pass' | 'fail' | 'error'
  /** Text the error message or some case's feedback must hold (the attack was seen for what it is). */
  readonly reason?: string
}

export interface Learner {
  /** The learner's folder name in the class. */
  readonly folder: string
  /** The units they hand in. */
  readonly units: readonly string[]
  readonly expect: Expectation
  build(dir: string, context: AttackContext): void
}

const reference = (unit: string) => path.join(ROOT, 'exercises', unit, 'reference')
const referenceFile = (unit: string, file: string) => path.join(reference(unit), file)

/** The unit's reference solution copied in, as an honest learner hands it in. */
function copyReference(unit: string, dir: string): void {
  cpSync(reference(unit), path.join(dir, unit), {recursive: true})
}

/** The load-balancer reference with `extra` code appended to the entry file. */
function referencePlus(dir: string, extra: string, prefix = ''): void {
  copyReference('load-balancer', dir)
  const entry = path.join(dir, 'load-balancer', 'load-balancer.ts')
  writeFileSync(entry, `${prefix}${readFileSync(entry, 'utf8')}\n${extra}\n`)
}

/**
 * The load-balancer reference with its round-robin replaced by `body` (a function body over
 * `servers`): the other strategies stay correct, so only the round-robin's 3 points are at stake.
 */
function hostileRoundRobin(dir: string, body: string, prefix = ''): void {
  referencePlus(dir, '', prefix)
  const entry = path.join(dir, 'load-balancer', 'load-balancer.ts')
  const honestName = 'export function createRoundRobin('
  writeFileSync(entry, readFileSync(entry, 'utf8').replace(honestName, `export function createRoundRobin(servers: readonly ServerId[]): Balancer {\n${body}\n}\nexport function honestRoundRobin(`))
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileSync(file, content)
}

const frameWriter = `import {writeSync as __write} from 'node:fs'\nconst __frame = (bytes) => { const h = Buffer.alloc(4); h.writeUInt32BE(bytes.length); return Buffer.concat([h, bytes]) }\n`

const honest = (folder: string, unit: string): Learner => ({folder, units: [unit], expect: {maxScore: 'full', status: 'pass'}, build: (dir) => copyReference(unit, dir)})

const nothing = (reason: string, status: Expectation['status'] = 'error'): Expectation => ({maxScore: 0, status, reason})

/** The learner fixtures of the repository that are hostile, graded as they are. */
function fixtureLearners(unit: string, names: readonly string[]): Learner[] {
  const fixtures = submissionFixtures().filter((f) => f.unit === unit && f.name.startsWith('hostile/') && (names.length === 0 || names.includes(f.name.slice('hostile/'.length))))
  return fixtures.map((fixture) => ({
    folder: `fixture-${unit}-${fixture.name.slice('hostile/'.length)}`,
    units: [unit],
    expect: {maxScore: fixture.expected.status === 'pass' ? 'full' : Number.POSITIVE_INFINITY, ...(fixture.expected.status !== 'pass' ? {status: fixture.expected.status} : {}), ...(fixture.expected.reason ? {reason: fixture.expected.reason} : {})},
    build: (dir: string) => materialise(fixture, path.join(dir, unit)),
  }))
}

export function hostileClass(): Learner[] {
  return [
    honest('honest-lb-1', 'load-balancer'),
    honest('honest-lb-2', 'load-balancer'),
    honest('honest-ws', 'work-stealer'),
    honest('honest-crawler', 'web-crawler'),
    honest('honest-partition', 'hot-partition'),

    // ---------------------------------------------------------------- the secret, and bundling
    {
      folder: 'main-points-outside',
      units: ['load-balancer'],
      expect: nothing('not a TypeScript, JavaScript or JSON file of the submission'),
      build(dir) {
        write(path.join(dir, 'load-balancer', 'load-balancer.ts'), `export * from './pkg'\n`)
        const target = referenceFile('load-balancer', 'load-balancer.ts')
        write(path.join(dir, 'load-balancer', 'pkg', 'package.json'), JSON.stringify({main: target, module: target, exports: target}))
      },
    },
    {
      folder: 'tsconfig-extends-secret',
      units: ['load-balancer'],
      expect: {maxScore: 'full'},
      build(dir, context) {
        copyReference('load-balancer', dir)
        write(path.join(dir, 'load-balancer', 'tsconfig.json'), JSON.stringify({extends: context.secretFile}))
      },
    },
    {
      folder: 'import-secret-path',
      units: ['load-balancer'],
      expect: nothing('cannot be imported'),
      build(dir, context) {
        referencePlus(dir, `import secret from ${JSON.stringify(context.secretFile)}\nexport const leaked = secret`)
      },
    },
    {folder: 'link-to-environ', units: ['load-balancer'], expect: nothing('is a link'), build: (dir) => (mkdirSync(path.join(dir, 'load-balancer'), {recursive: true}), symlinkSync('/proc/self/environ', path.join(dir, 'load-balancer', 'load-balancer.ts')))},
    {folder: 'link-to-secret', units: ['load-balancer'], expect: nothing('is a link'), build: (dir, c) => (mkdirSync(path.join(dir, 'load-balancer'), {recursive: true}), symlinkSync(c.secretFile, path.join(dir, 'load-balancer', 'load-balancer.ts')))},
    {
      folder: 'hard-link-to-secret',
      units: ['load-balancer'],
      expect: nothing('hard links'),
      build(dir, context) {
        copyReference('load-balancer', dir)
        linkSync(context.secretFile, path.join(dir, 'load-balancer', 'notes.txt'))
      },
    },

    // ---------------------------------------------------------------- full marks for free
    {folder: 'link-to-reference', units: ['load-balancer'], expect: nothing('is a link'), build: (dir) => (mkdirSync(path.join(dir, 'load-balancer'), {recursive: true}), symlinkSync(referenceFile('load-balancer', 'load-balancer.ts'), path.join(dir, 'load-balancer', 'load-balancer.ts')))},
    {
      folder: 'folder-link-to-reference',
      units: ['load-balancer'],
      expect: nothing('is a link'),
      build(dir) {
        write(path.join(dir, 'load-balancer', 'load-balancer.ts'), `export * from './ref/load-balancer.ts'\n`)
        symlinkSync(reference('load-balancer'), path.join(dir, 'load-balancer', 'ref'))
      },
    },
    {folder: 'unit-folder-link', units: ['load-balancer'], expect: nothing('the submission folder is a link'), build: (dir) => (mkdirSync(dir, {recursive: true}), symlinkSync(reference('load-balancer'), path.join(dir, 'load-balancer')))},
    {
      // The class folder's entries are the instructor's: a learner folder linked from elsewhere is graded.
      folder: 'learner-folder-linked-in',
      units: ['load-balancer'],
      expect: {maxScore: 'full', status: 'pass'},
      build(dir, context) {
        const elsewhere = path.join(context.outside, 'linked-learner')
        copyReference('load-balancer', elsewhere)
        symlinkSync(elsewhere, dir)
      },
    },

    // ---------------------------------------------------------------- the channel
    {folder: 'channel-garbage', units: ['load-balancer'], expect: nothing("wrote to the grader's channel"), build: (dir) => referencePlus(dir, `__write(3, Buffer.from('{"type":"loaded"} garbage without a frame'))`, frameWriter)},
    {folder: 'channel-giant-length', units: ['load-balancer'], expect: nothing('over the 8 MB limit'), build: (dir) => referencePlus(dir, `__write(3, Buffer.from([0xff, 0xff, 0xff, 0xff]))`, frameWriter)},
    {folder: 'channel-endless', units: ['load-balancer'], expect: {maxScore: 43, reason: "wrote to the grader's channel"}, build: (dir) => hostileRoundRobin(dir, `const chunk = Buffer.alloc(1 << 20, 0x7b)\nfor (let i = 0; i < 100; i++) __write(3, chunk)\nreturn honestRoundRobin(servers)`, frameWriter)},
    {
      folder: 'channel-forged-result',
      units: ['load-balancer'],
      expect: {maxScore: 'full'},
      build: (dir) => referencePlus(dir, `__write(3, __frame(Buffer.from(JSON.stringify({type: 'result', nonce: 'guess', id: 0, output: {results: [{values: ['forged']}]}, ms: 0}))))`, frameWriter),
    },
    {folder: 'channel-closed', units: ['load-balancer'], expect: nothing('the submission'), build: (dir) => referencePlus(dir, `import {closeSync as __close} from 'node:fs'\n__close(3)`)},
    {
      folder: 'channel-handle',
      units: ['load-balancer'],
      expect: {maxScore: 'full'},
      build: (dir) => referencePlus(dir, `import {createServer as __server} from 'node:net'\ntry { process.send?.({type: 'loaded'}, __server()); (process as unknown as {channel?: {ref(): void}}).channel?.ref() } catch {}`),
    },
    ...fixtureLearners('load-balancer', ['flood-channel', 'forge-channel', 'read-environment', 'spawn-process', 'kill-parent', 'exit-early', 'patch-globals']),

    // ---------------------------------------------------------------- isolation
    {
      folder: 'unix-socket',
      units: ['load-balancer'],
      expect: {maxScore: 43},
      build(dir, context) {
        // At load it knocks on the grader's socket and Docker's; the rotation then reports the answers.
        const knock = (target: string) => `await new Promise((resolve) => { const s = __net.connect(${JSON.stringify(target)}); s.on('connect', () => { s.write('stolen'); resolve('connected') }); s.on('error', (e) => resolve(e.code)) })`
        const prefix = `import __net from 'node:net'\nconst __reached = [${[context.socketPath, '/var/run/docker.sock', '/run/docker.sock'].map(knock).join(', ')}].join(' ')\n`
        hostileRoundRobin(dir, 'return {pick: () => __reached}', prefix)
      },
    },

    // ---------------------------------------------------------------- hidden inputs
    {
      folder: 'hidden-echo',
      units: ['web-crawler'],
      expect: {maxScore: 59, reason: 'seen:'},
      build(dir) {
        copyReference('web-crawler', dir)
        const entry = path.join(dir, 'web-crawler', 'frontier.ts')
        const source = readFileSync(entry, 'utf8')
          .replace('export function normalizeUrl(url: string, base?: string): string | null {', 'const __seen: string[] = []\nexport function normalizeUrl(url: string, base?: string): string | null {\n  __seen.push(url)')
          .replace('export function isAllowed(robotsTxt: string, userAgent: string, path: string): boolean {', "export function isAllowed(robotsTxt: string, userAgent: string, path: string): boolean {\n  throw new Error('seen: ' + __seen.join(' '))")
        writeFileSync(entry, source)
      },
    },

    // ---------------------------------------------------------------- forged schedules
    ...fixtureLearners('work-stealer', []),

    // ---------------------------------------------------------------- design documents
    {folder: 'document-pipe', units: ['hot-partition'], expect: nothing('named pipe'), build: (dir) => (mkdirSync(path.join(dir, 'hot-partition'), {recursive: true}), execFileSync('mkfifo', [path.join(dir, 'hot-partition', 'answer.yaml')]))},
    {folder: 'document-dev-zero', units: ['hot-partition'], expect: nothing('is a link'), build: (dir) => (mkdirSync(path.join(dir, 'hot-partition'), {recursive: true}), symlinkSync('/dev/zero', path.join(dir, 'hot-partition', 'answer.yaml')))},
    {
      folder: 'document-quadratic-quantity',
      units: ['hot-partition'],
      expect: {maxScore: 34},
      build(dir) {
        copyReference('hot-partition', dir)
        const file = path.join(dir, 'hot-partition', 'answer.yaml')
        writeFileSync(file, readFileSync(file, 'utf8').replace('mean_partition_reads: 1000 reads/s', `mean_partition_reads: "1${'a'.repeat(300_000)}"`))
      },
    },
    {
      folder: 'document-alias-errors',
      units: ['hot-partition'],
      expect: {maxScore: 0, status: 'error'},
      build(dir) {
        const bad = Array.from({length: 300}, (_, i) => `  bad_${i}: [1, 2, 3]`).join('\n')
        const copies = Array.from({length: 99}, (_, i) => `  copy_${i}: *bad`).join('\n')
        write(path.join(dir, 'hot-partition', 'answer.yaml'), `anchor: &bad\n${bad}\nestimates:\n${copies}\n`)
      },
    },
    {
      folder: 'document-deep',
      units: ['hot-partition'],
      expect: {maxScore: 0, status: 'error'},
      build: (dir) => write(path.join(dir, 'hot-partition', 'answer.yaml'), `estimates: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`),
    },

    // ---------------------------------------------------------------- class discovery
    {folder: 'load-balancer', units: ['load-balancer'], expect: {maxScore: 'full', status: 'pass'}, build: (dir) => copyReference('load-balancer', dir)},
    {folder: 'odd name; rm -rf ~', units: ['load-balancer'], expect: nothing('cannot be a learner id'), build: (dir) => copyReference('load-balancer', dir)},
    {folder: '\u001b[31mred\u001b[0m', units: ['load-balancer'], expect: nothing('cannot be a learner id'), build: (dir) => copyReference('load-balancer', dir)},

    // ---------------------------------------------------------------- reports and the console
    {
      folder: 'markup-in-messages',
      units: ['load-balancer'],
      expect: {maxScore: 43, reason: 'onerror'},
      build: (dir) => hostileRoundRobin(dir, "throw new Error('<img src=x onerror=alert(1)> # Heading\\n| fake | row |\\n[click](javascript:alert(1)) </details><script>alert(2)</script> **bold**')"),
    },
    {folder: 'fake-console-line', units: ['load-balancer'], expect: nothing('the module threw while loading'), build: (dir) => referencePlus(dir, `throw new Error('\\u001b[2K\\r[ 1/46] alice  load-balancer  46/46  pass  0.1 s\\u001b]0;owned\\u0007')`)},
    {folder: 'giant-error', units: ['load-balancer'], expect: nothing('the module threw while loading'), build: (dir) => referencePlus(dir, `throw new Error('x'.repeat(60_000_000))`)},
    {folder: 'giant-output', units: ['load-balancer'], expect: {maxScore: 43, reason: 'limited to 8 MB'}, build: (dir) => hostileRoundRobin(dir, "return {pick: () => 'x'.repeat(2_000_000)}")},

    // ---------------------------------------------------------------- the submission's files
    {
      folder: 'many-files',
      units: ['load-balancer'],
      expect: nothing('more than 500 files'),
      build(dir) {
        copyReference('load-balancer', dir)
        for (let i = 0; i < 600; i++) write(path.join(dir, 'load-balancer', 'junk', `f${i}.ts`), '')
      },
    },
    {
      folder: 'deep-folders',
      units: ['load-balancer'],
      expect: nothing('folders deep'),
      build(dir) {
        copyReference('load-balancer', dir)
        write(path.join(dir, 'load-balancer', ...Array.from({length: 20}, (_, i) => `d${i}`), 'x.ts'), '')
      },
    },
    {
      folder: 'huge-file',
      units: ['load-balancer'],
      expect: nothing('a file may hold at most'),
      build(dir) {
        copyReference('load-balancer', dir)
        write(path.join(dir, 'load-balancer', 'data.json'), `"${'x'.repeat(5 * 1024 * 1024)}"`)
      },
    },
    {folder: 'entry-is-folder', units: ['load-balancer'], expect: nothing('is missing'), build: (dir) => write(path.join(dir, 'load-balancer', 'load-balancer.ts', 'index.ts'), 'export {}')},
    {folder: 'odd-file-name', units: ['load-balancer'], expect: nothing('is a link'), build: (dir) => (copyReference('load-balancer', dir), symlinkSync('/etc/passwd', path.join(dir, 'load-balancer', '\u001b[2K\r46-46-pass\n.ts')))},
    {folder: 'throwing-getter', units: ['load-balancer'], expect: nothing('the submission'), build: (dir) => referencePlus(dir, `throw Object.defineProperty(new Error(), 'message', {get() { throw new Error('gotcha') }})`)},
    {folder: 'patched-buffer', units: ['load-balancer'], expect: {maxScore: 0}, build: (dir) => referencePlus(dir, `Buffer.prototype.writeUInt32BE = function () { return 0 }\nBuffer.allocUnsafe = (n: number) => Buffer.alloc(n, 0x41)`)},
  ]
}

/** Every file under `dir` with its content, for "nothing changed" checks (links listed, not followed). */
export function snapshot(dir: string): string {
  const lines: string[] = []
  const walk = (current: string) => {
    for (const entry of readdirSync(current, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) lines.push(`${path.relative(dir, full)} ${readFileSync(full).length}`)
      else lines.push(`${path.relative(dir, full)} (${entry.isSymbolicLink() ? 'link' : 'special'})`)
    }
  }
  walk(dir)
  return lines.join('\n')
}
