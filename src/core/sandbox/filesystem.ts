import path from 'node:path'

/**
 * The sandboxed child's private file system. Inside its own mount namespace (made by unshare), a
 * small shell script mounts an empty tmpfs as the new root, binds into it, read-only, the
 * system's programs and libraries (`/usr` and the `/lib*` folders Node's loader needs), the
 * folder holding Node, and the folder holding the harness, then `chroot`s into it and starts Node.
 *
 * What that takes away: the class folder, the grader's home, the secret file, and every Unix
 * socket on disk (the permission model blocks reading files but not connecting to sockets, and on
 * a CI runner one of them can be Docker's). The child's working folder is the root of that tmpfs:
 * private, limited to a few megabytes, and gone when the child ends. Paths the child can see
 * (`process.argv`, `process.execPath`) name nothing of the grader's machine.
 */
export interface FilesystemLayout {
  readonly sh: string
  /** An empty folder the private root is mounted on, inside the namespace only. */
  readonly mountpoint: string
  /** The `/lib*` folders (or links) the system has; Node's loader lives in one of them. */
  readonly libraries: readonly string[]
  readonly nodeDir: string
  readonly harnessDir: string
}

/** Where Node and the harness appear inside the private root. */
export const INSIDE_NODE_DIR = '/course/bin'
export const INSIDE_HARNESS_DIR = '/course/harness'

/**
 * The script run inside the namespace. Paths arrive as arguments, never spliced into the text.
 * `X-mount.mkdir` makes each mount point inside the tmpfs; `bind,ro` binds read-only.
 */
export const FILESYSTEM_SETUP = [
  'set -e',
  'root=$1; node_dir=$2; harness_dir=$3; libraries=$4; shift 4',
  'mount -t tmpfs -o size=4m,mode=0755,nosuid,nodev course-sandbox "$root"',
  'mount -o bind,ro,X-mount.mkdir /usr "$root/usr"',
  'for lib in $libraries; do mount -o bind,ro,X-mount.mkdir "$lib" "$root$lib"; done',
  `mount -o bind,ro,X-mount.mkdir "$node_dir" "$root${INSIDE_NODE_DIR}"`,
  `mount -o bind,ro,X-mount.mkdir "$harness_dir" "$root${INSIDE_HARNESS_DIR}"`,
  // The shell exports PWD; the child starts with no environment at all.
  'unset PWD OLDPWD',
  'exec chroot "$root" "$@"',
].join('\n')

/** Arguments that follow `unshare …`: the setup script and its parameters; the command comes after. */
export function filesystemArgs(layout: FilesystemLayout): string[] {
  return [layout.sh, '-c', FILESYSTEM_SETUP, 'course-sandbox', layout.mountpoint, layout.nodeDir, layout.harnessDir, layout.libraries.join(' ')]
}

/** The harness's path as the child sees it. */
export function insideHarness(harness: string): string {
  return path.posix.join(INSIDE_HARNESS_DIR, path.basename(harness))
}

export function insideNode(): string {
  return path.posix.join(INSIDE_NODE_DIR, path.basename(process.execPath))
}
