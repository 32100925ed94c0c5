import {randomBytes} from 'node:crypto'
import net from 'node:net'
import path from 'node:path'

/** What the plugin in Stryker's workers and reporter can send; see stryker-plugin.ts. */
export type BridgeMessage =
  | {readonly kind: 'dry-run'; readonly id: number}
  | {readonly kind: 'mutant'; readonly id: number; readonly mutant: unknown}
  | {readonly kind: 'plan'; readonly total: number}
  | {readonly kind: 'tested'; readonly mutant: string; readonly status: string}

export interface BridgeHandlers {
  /** Answers a question (dry run, one mutant); the answer goes back with the question's id. */
  readonly ask: (message: Extract<BridgeMessage, {id: number}>) => Promise<Record<string, unknown>>
  readonly tell: (message: Exclude<BridgeMessage, {id: number}>) => void
}

export interface Bridge {
  readonly address: string
  close(): Promise<void>
}

/**
 * A local socket (a named pipe on Windows) that Stryker's worker processes reach the grading
 * process through: newline-delimited JSON, one question answered per line.
 */
export async function openBridge(dir: string, handlers: BridgeHandlers): Promise<Bridge> {
  const address = process.platform === 'win32' ? `\\\\.\\pipe\\course-mutate-${process.pid}-${randomBytes(4).toString('hex')}` : path.join(dir, 'bridge.sock')
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // A worker Stryker kills (its own timeout) drops its connection; nothing to answer then.
    socket.on('error', () => sockets.delete(socket))
    socket.setEncoding('utf8')
    let buffer = ''
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, end)) as BridgeMessage
        buffer = buffer.slice(end + 1)
        if ('id' in message) {
          handlers.ask(message).then(
            (answer) => {
              if (!socket.destroyed) socket.write(`${JSON.stringify({...answer, id: message.id})}\n`)
            },
            (error: Error) => {
              // Stryker records an errored run; the message says what went wrong here.
              if (!socket.destroyed) socket.write(`${JSON.stringify({id: message.id, result: {status: 'error', errorMessage: error.stack ?? error.message}, tests: [], ms: 0})}\n`)
            },
          )
        } else handlers.tell(message)
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(address, () => resolve())
  })
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
