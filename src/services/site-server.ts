import {createReadStream, existsSync, statSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import path from 'node:path'
import {UserError} from '../core/errors.js'

/** `course docs serve`: a small static file server for a built site, on this machine only by default. */
export interface SiteServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

/** The file a request path names inside `dir`, or undefined (never a file outside `dir`). */
export function resolveRequest(dir: string, url: string): string | undefined {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url, 'http://site.invalid').pathname)
  } catch {
    return undefined
  }
  const file = path.resolve(dir, `.${pathname}`)
  if (file !== dir && !file.startsWith(`${dir}${path.sep}`)) return undefined
  if (existsSync(file) && statSync(file).isDirectory()) return existsSync(path.join(file, 'index.html')) ? path.join(file, 'index.html') : undefined
  return existsSync(file) ? file : undefined
}

export async function serveSite(options: {dir: string; port: number; host: string}): Promise<SiteServer> {
  const dir = path.resolve(options.dir)
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new UserError(`${options.dir} holds no built site (no index.html)`, {code: 'site-missing', next: ['Run `course docs build --out DIR` first, or leave out --dir to build one now.']})
  }
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, {allow: 'GET, HEAD'}).end()
      return
    }
    const file = resolveRequest(dir, request.url ?? '/')
    if (!file) {
      response.writeHead(404, {'content-type': TYPES['.html']!}).end('<!doctype html><title>Not found</title><p>No such page. <a href="/">Back to the course</a>.</p>')
      return
    }
    response.writeHead(200, {'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache'})
    if (request.method === 'HEAD') response.end()
    else createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UserError(`port ${options.port} is in use`, {code: 'port-in-use', next: ['Choose another with --port, or --port 0 for any free one.']}) : error),
    )
    server.listen(options.port, options.host, resolve)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
