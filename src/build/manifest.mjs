// Writes oclif.manifest.json from the built bundle. With the manifest, oclif resolves a command
// and prints help without importing any command module; a stale one would be used silently,
// so every build writes it afresh.
import {Plugin} from '@oclif/core'
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

export async function writeManifest(root) {
  const file = path.join(root, 'oclif.manifest.json')
  rmSync(file, {force: true})
  const plugin = new Plugin({root, isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true})
  await plugin.load()
  const count = Object.keys(plugin.manifest.commands).length
  if (count === 0) throw new Error('the manifest lists no commands')
  writeFileSync(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`)
  return count
}
