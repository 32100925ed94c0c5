/**
 * Which operating-system protections this machine can give the sandbox. The Node permission model
 * blocks file access, child processes and workers, but not the network, Unix sockets on disk, or
 * signals; `unshare` (user, PID, network and mount namespaces) closes those, and `prlimit` caps
 * memory the V8 heap limit does not see (Buffers) and CPU time. Probed once per process; missing
 * ones are recorded in every result and warned about.
 */
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync} from 'node:fs'
import path from 'node:path'
import {filesystemArgs, INSIDE_HARNESS_DIR, mountTable, openMountTable, writeMountTable, type FilesystemLayout} from './filesystem.js'

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
  /**
   * A mount namespace whose root is an empty, private, size-limited folder holding only the
   * system's programs and libraries (read-only), Node and the harness: no home, no class folder,
   * no sockets on disk; the working folder is discarded with the child.
   */
  readonly private_filesystem: boolean
}

export interface ProtectionProbe {
  readonly unshare?: string
  readonly prlimit?: string
  /** Set when a private file system can be set up: the tools and folders that make it. */
  readonly filesystem?: FilesystemLayout
  readonly warnings: string[]
}

const SYSTEM_PATHS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin']

function findTool(name: string): string | undefined {
  return SYSTEM_PATHS.map((dir) => `${dir}/${name}`).find((candidate) => existsSync(candidate))
}

/** Runs a probe with nothing of the grader's environment (the secret, CI tokens). */
function succeeds(command: string, args: readonly string[], stdin: number | 'ignore' = 'ignore'): boolean {
  return spawnSync(command, args, {stdio: [stdin, 'ignore', 'ignore'], timeout: 10_000, env: {}}).status === 0
}

let cached: ProtectionProbe | undefined

/**
 * Looks for working unshare and prlimit (Linux only), and tries the private file system with Node
 * itself; the result is cached for the process. `harness` is the file the child runs and
 * `mountpoint` an empty folder the private root is mounted on (inside the namespace only). The
 * whole chain is tried at once first, as every child will run it (one process start instead of
 * three on a machine that has everything); only when it fails is each part tried alone, to say
 * which is missing.
 */
export function probeProtections(harness: string, mountpoint: string): ProtectionProbe {
  if (cached) return cached
  if (process.platform !== 'linux') {
    cached = {warnings: [`on ${process.platform} only the Node permission model and a heap limit protect the grader (no namespaces, no prlimit, no private file system)`]}
    return cached
  }
  const [u, p] = [findTool('unshare'), findTool('prlimit')]
  const filesystem = u ? filesystemLayout(harness, mountpoint) : undefined
  if (u && p && filesystem && filesystemWorks(filesystem, [p, '--cpu=5', '--', u])) {
    cached = {unshare: u, prlimit: p, filesystem, warnings: []}
    return cached
  }
  const warnings: string[] = []
  const unshare = u && succeeds(u, [...UNSHARE_ARGS, '/bin/true']) ? u : undefined
  if (!unshare) warnings.push('unshare with user, PID, network and mount namespaces is not available: sandboxed code can use the network and signal the grader')
  const prlimit = p && succeeds(p, ['--cpu=5', '--', '/bin/true']) ? p : undefined
  if (!prlimit) warnings.push('prlimit is not available: sandboxed code is not held to data-segment and CPU-time limits')
  const private_ = unshare && filesystem && filesystemWorks(filesystem, [unshare]) ? filesystem : undefined
  if (unshare && !private_) warnings.push('a private file system cannot be set up: sandboxed code is confined by the permission model alone and can reach Unix sockets on disk')
  cached = {unshare, prlimit, filesystem: private_, warnings}
  return cached
}

/** The private root's layout, when the tools that make it exist (whether it works is tried apart). */
function filesystemLayout(harness: string, mountpoint: string): FilesystemLayout | undefined {
  const [sh, mount, chroot] = [findTool('sh'), findTool('mount'), findTool('chroot')]
  if (!sh || !mount || !chroot || !existsSync(mountpoint)) return undefined
  const libraries = ['/lib', '/lib64', '/lib32', '/libx32'].filter((dir) => existsSync(dir))
  const {text, node} = mountTable({mountpoint, libraries, nodePath: process.execPath, harnessDir: path.dirname(harness)})
  return {sh, mountpoint, table: writeMountTable(text), node}
}

/** Starts Node in the private root behind `prefix` (ending with unshare) and checks it sees the harness. */
function filesystemWorks(layout: FilesystemLayout, prefix: readonly string[]): boolean {
  const check = [layout.node, '-e', `require('node:fs').statSync('${INSIDE_HARNESS_DIR}')`]
  const table = openMountTable(layout)
  try {
    return succeeds(prefix[0]!, [...prefix.slice(1), ...UNSHARE_ARGS, ...filesystemArgs(layout), ...check], table)
  } finally {
    closeSync(table)
  }
}

export const UNSHARE_ARGS = ['--user', '--map-root-user', '--pid', '--net', '--mount', '--fork', '--kill-child']

/** Node 20 spells the permission flag `--experimental-permission`; Node 22.13+ spells it `--permission`. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission'
}
