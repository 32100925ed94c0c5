/**
 * Declarations of the Node.js built-ins the course's starters and examples use, written into a
 * workspace (and given to the type check of `course check`) so that an editor type-checks them
 * without `@types/node`, which a workspace does not install. They are written to merge with
 * `@types/node` when a learner installs it: every module here declares only functions, and
 * functions merge as overloads. `URL`, `TextEncoder` and `console` come from the DOM library
 * that the workspace's tsconfig.json names.
 */
export const NODE_BUILTINS_FILE = '.course/types/node-builtins.d.ts'

export const NODE_BUILTINS = `// Written by \`course start\`: the Node.js built-ins the course's code uses, so that your editor
// type-checks without @types/node. If you install @types/node, it takes over; this file can stay.
declare module 'node:test' {
  type TestBody = (context: unknown) => unknown
  export function test(name: string, body: TestBody): Promise<void>
  export function test(name: string, options: {readonly skip?: boolean | string; readonly todo?: boolean | string; readonly only?: boolean; readonly timeout?: number}, body: TestBody): Promise<void>
  export function it(name: string, body: TestBody): Promise<void>
  export function describe(name: string, body: () => unknown): Promise<void>
  export function before(body: () => unknown): void
  export function after(body: () => unknown): void
  export function beforeEach(body: () => unknown): void
  export function afterEach(body: () => unknown): void
}

declare module 'node:assert/strict' {
  namespace assert {
    function ok(value: unknown, message?: string | Error): asserts value
    function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T
    function notEqual(actual: unknown, expected: unknown, message?: string | Error): void
    function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T
    function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void
    function throws(block: () => unknown, error?: RegExp | Function | object | Error | string, message?: string | Error): void
    function doesNotThrow(block: () => unknown, message?: string | Error): void
    function rejects(block: (() => Promise<unknown>) | Promise<unknown>, error?: RegExp | Function | object | Error | string, message?: string | Error): Promise<void>
    function match(value: string, pattern: RegExp, message?: string | Error): void
    function fail(message?: string | Error): never
  }
  function assert(value: unknown, message?: string | Error): asserts value
  export default assert
}

declare module 'node:crypto' {
  type Encoding = 'hex' | 'base64' | 'base64url' | 'latin1'
  export function hash(algorithm: string, data: string | ArrayBufferView, outputEncoding?: Encoding): string
  export function hash(algorithm: string, data: string | ArrayBufferView, outputEncoding: 'buffer'): Uint8Array
  export function createHash(algorithm: string): {update(data: string | ArrayBufferView): {digest(): Uint8Array; digest(encoding: Encoding): string}}
  export function randomInt(max: number): number
  export function randomInt(min: number, max: number): number
}
`

/**
 * The globals Node shares with browsers that learners' code uses, for the type check of `course
 * check` only, in place of the DOM library the workspace's tsconfig.json names: DOM is most of the
 * cost of a check (about 0.5 s of processor time of 1 s), and Node has no `document` anyway.
 */
export const WEB_GLOBALS = `
interface Console {
  log(...data: unknown[]): void
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  info(...data: unknown[]): void
  debug(...data: unknown[]): void
  table(data: unknown): void
  time(label?: string): void
  timeEnd(label?: string): void
  assert(condition?: boolean, ...data: unknown[]): void
}
declare var console: Console
interface URLSearchParams {
  readonly size: number
  append(name: string, value: string): void
  delete(name: string, value?: string): void
  get(name: string): string | null
  getAll(name: string): string[]
  has(name: string, value?: string): boolean
  set(name: string, value: string): void
  sort(): void
  forEach(callback: (value: string, key: string, parent: URLSearchParams) => void): void
  entries(): IterableIterator<[string, string]>
  keys(): IterableIterator<string>
  values(): IterableIterator<string>
  [Symbol.iterator](): IterableIterator<[string, string]>
  toString(): string
}
declare var URLSearchParams: {new (init?: string | Record<string, string> | Iterable<[string, string]>): URLSearchParams}
interface URL {
  hash: string
  host: string
  hostname: string
  href: string
  readonly origin: string
  password: string
  pathname: string
  port: string
  protocol: string
  search: string
  readonly searchParams: URLSearchParams
  username: string
  toString(): string
  toJSON(): string
}
declare var URL: {new (url: string | URL, base?: string | URL): URL; canParse(url: string | URL, base?: string | URL): boolean; parse(url: string | URL, base?: string | URL): URL | null}
interface TextEncoder {
  encode(input?: string): Uint8Array
}
declare var TextEncoder: {new (): TextEncoder}
interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: {stream?: boolean}): string
}
declare var TextDecoder: {new (label?: string, options?: {fatal?: boolean; ignoreBOM?: boolean}): TextDecoder}
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): unknown
declare function clearTimeout(handle: unknown): void
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): unknown
declare function clearInterval(handle: unknown): void
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): unknown
declare function queueMicrotask(callback: () => void): void
declare function structuredClone<T>(value: T): T
declare var performance: {now(): number}
`
