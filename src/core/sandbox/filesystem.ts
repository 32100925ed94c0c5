/**
 * The sandboxed child's private file system. Inside its own mount namespace (made by unshare),
 * `mount -a` reads a small mount table that mounts an empty tmpfs as the new root and binds into
 * it, read-only, the system's programs and libraries (`/usr` and the `/lib*` folders Node's loader
 * needs), the folder holding Node when it lives outside `/usr`, and the folder holding the
 * harness; then `chroot` starts Node inside it.
 *
 * What that takes away: the class folder, the grader's home, the secret file, and every Unix
 * socket on disk (the permission model blocks reading files but not connecting to sockets, and on
 * a CI runner one of them can be Docker's). The child's working folder is the root of that tmpfs:
 * private, limited to a few megabytes, and gone when the child ends. Paths the child can see
 * (`process.argv`, `process.execPath`) name nothing of the grader's own.
 *
 * One `mount -a` over a table, rather than a `mount` per folder from a script: each `mount` is a
 * program started, and a script of six took about 30 ms of each child's start against 12 ms.
 */
import {mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

export interface FilesystemLayout {
  readonly sh: string
  /**
   * The mount table: a file written once per process and unlinked at once, kept as this open
   * descriptor (nothing is left on disk, even if the grader is killed). Each child reads it as
   * its standard input (see `openMountTable`).
   */
  readonly table: number
  /** An empty folder the private root is mounted on, inside the namespace only. */
  readonly mountpoint: string
  /** Node's path inside the private root. */
  readonly node: string
}

/** Where the harness (and Node, when it lives outside /usr) appear inside the private root. */
export const INSIDE_HARNESS_DIR = '/course/harness'
const INSIDE_NODE_DIR = '/course/bin'

/** A path in a mount table: spaces, tabs, newlines and backslashes are written as octal escapes. */
function tablePath(p: string): string {
  return p.replace(/[\\ \t\n]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)
}

/** The folders of the system a private root binds, and where Node appears inside it. */
export interface FilesystemSources {
  readonly mountpoint: string
  /** The `/lib*` folders (or links to them) the system has; Node's loader lives in one of them. */
  readonly libraries: readonly string[]
  readonly nodePath: string
  readonly harnessDir: string
}

/** The mount table's text, and Node's path inside the root. */
export function mountTable(sources: FilesystemSources): {text: string; node: string} {
  const root = sources.mountpoint
  const bind = (from: string, to: string) => `${tablePath(from)} ${tablePath(path.posix.join(root, to))} none bind,ro,X-mount.mkdir 0 0`
  const nodeDir = path.dirname(sources.nodePath)
  const underUsr = nodeDir === '/usr' || nodeDir.startsWith('/usr/')
  const lines = [
    `course-sandbox ${tablePath(root)} tmpfs size=4m,mode=0755,nosuid,nodev 0 0`,
    bind('/usr', '/usr'),
    ...sources.libraries.map((lib) => bind(lib, lib)),
    ...(underUsr ? [] : [bind(nodeDir, INSIDE_NODE_DIR)]),
    bind(sources.harnessDir, INSIDE_HARNESS_DIR),
  ]
  return {text: `${lines.join('\n')}\n`, node: underUsr ? sources.nodePath : path.posix.join(INSIDE_NODE_DIR, path.basename(sources.nodePath))}
}

/** Writes the mount table to a file, opens it, and unlinks it: the open descriptor is all that remains. */
export function writeMountTable(text: string): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'course-sandbox-'))
  try {
    const file = path.join(dir, 'fstab')
    writeFileSync(file, text, {mode: 0o600})
    return openSync(file, 'r')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/**
 * A fresh descriptor of the table for one child, read from its start (a shared descriptor would
 * share its offset, and the second child would read nothing). The caller closes it once the child
 * has started.
 */
export function openMountTable(layout: FilesystemLayout): number {
  return openSync(`/proc/self/fd/${layout.table}`, 'r')
}

/**
 * The setup run inside the namespace: the table comes on standard input, which is then closed
 * (it names the grader's folders, and learner code could read it); the root arrives as an
 * argument, never spliced into the text; the shell's PWD is dropped, so the child starts with no
 * environment at all.
 */
const SETUP = 'mount -a -T /dev/stdin && exec 0</dev/null && root=$1 && shift && unset PWD OLDPWD && exec chroot "$root" "$@"'

/** Arguments that follow `unshare …`: the setup, then the command to run inside the root. */
export function filesystemArgs(layout: FilesystemLayout): string[] {
  return [layout.sh, '-c', SETUP, 'course-sandbox', layout.mountpoint]
}

/** The harness's path as the child sees it. */
export function insideHarness(harness: string): string {
  return path.posix.join(INSIDE_HARNESS_DIR, path.basename(harness))
}
