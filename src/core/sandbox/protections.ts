import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

/**
 * Which operating-system protections this machine can give the sandbox. The Node permission model
 * blocks file access, child processes and workers, but not the network or signals; `unshare`
 * (user, PID and network namespaces) closes those, and `prlimit` caps memory the V8 heap limit
 * does not see (Buffers) and CPU time. Probed once per process; missing ones are recorded in
 * every result and warned about.
 */
export interface Protections {
  /** Node's permission model: reads limited to the harness; no writes, child processes, workers, addons. */
  readonly permission_model: boolean
  /** The child starts with an empty environment: no secrets, no tokens. */
  readonly empty_environment: boolean
  /** The child leads its own process group, so a kill of its group cannot reach the grader. */
  readonly own_process_group: boolean
  readonly heap_limit_mb: number
  /** prlimit data-segment and CPU-time limits. */
  readonly prlimit: boolean
  /** unshare: user, PID and network namespaces (no network, the grader out of reach). */
  readonly namespaces: boolean
}

export interface ProtectionProbe {
  readonly unshare?: string
  readonly prlimit?: string
  readonly warnings: string[]
}

const SYSTEM_PATHS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin']

function findTool(name: string): string | undefined {
  return SYSTEM_PATHS.map((dir) => `${dir}/${name}`).find((candidate) => existsSync(candidate))
}

let cached: ProtectionProbe | undefined

/** Looks for working unshare and prlimit (Linux only); the result is cached for the process. */
export function probeProtections(): ProtectionProbe {
  if (cached) return cached
  const warnings: string[] = []
  let unshare: string | undefined
  let prlimit: string | undefined
  if (process.platform === 'linux') {
    const u = findTool('unshare')
    if (u && spawnSync(u, [...UNSHARE_ARGS, '/bin/true'], {stdio: 'ignore', timeout: 5000}).status === 0) unshare = u
    else warnings.push('unshare with user, PID and network namespaces is not available: sandboxed code can use the network and signal the grader')
    const p = findTool('prlimit')
    if (p && spawnSync(p, ['--cpu=5', '--', '/bin/true'], {stdio: 'ignore', timeout: 5000}).status === 0) prlimit = p
    else warnings.push('prlimit is not available: sandboxed code is not held to data-segment and CPU-time limits')
  } else {
    warnings.push(`on ${process.platform} only the Node permission model and a heap limit protect the grader (no namespaces, no prlimit)`)
  }
  cached = {unshare, prlimit, warnings}
  return cached
}

export const UNSHARE_ARGS = ['--user', '--map-root-user', '--pid', '--net', '--fork', '--kill-child']

/** Node 20 spells the permission flag `--experimental-permission`; Node 22.13+ spells it `--permission`. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission'
}
