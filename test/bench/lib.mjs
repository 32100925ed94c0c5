// Small helpers shared by the benchmark suites. Every figure is reported as a ratio to a baseline
// measured in the same run, because these machines are shared and absolute times drift.
import {spawn} from 'node:child_process'
import {copyFileSync, mkdirSync} from 'node:fs'
import path from 'node:path'

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs a command to completion and returns its wall time in milliseconds. */
export function timeProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, {stdio: ['ignore', 'ignore', 'pipe'], ...options})
    let stderr = ''
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`))
      else resolve(ms)
    })
  })
}

/**
 * Starts a command in a pseudo-terminal (util-linux `script`) and returns the milliseconds until
 * its output contains `marker`; then kills it.
 */
export function timeUntilOutput(commandLine, marker, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn('script', ['-q', '-f', '-e', '-c', commandLine, '/dev/null'], {stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...options})
    let output = ''
    let done = false
    const finish = (error, ms) => {
      if (done) return
      done = true
      clearTimeout(timer)
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      if (error) reject(error)
      else resolve(ms)
    }
    const timer = setTimeout(() => finish(new Error(`no "${marker}" within 20 s; output: ${output.slice(-500)}`)), 20_000)
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes(marker)) finish(undefined, Number(process.hrtime.bigint() - started) / 1e6)
    })
    child.on('error', (error) => finish(error))
  })
}

/** Measures each named task `runs` times, interleaved so drift hits them all alike; returns medians. */
export async function interleaved(tasks, runs) {
  const samples = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]))
  for (let i = 0; i < runs; i++) {
    for (const [name, task] of Object.entries(tasks)) samples[name].push(await task())
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, {median: median(values), min: Math.min(...values), max: Math.max(...values)}]))
}

export function printTable(title, rows) {
  console.log(`\n${title}`)
  const header = ['measure', 'median', 'min', 'max', 'ratio', 'goal', '']
  const body = rows.map((r) => [r.name, r.median, r.min, r.max, r.ratio, r.goal ?? '', r.verdict ?? ''])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)))
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()
  console.log(line(header))
  for (const row of body) console.log(line(row))
}

export const ms = (value) => `${value.toFixed(0)} ms`

/** A class folder of `count` learners, each handing in the unit's reference `file` unchanged. */
export function makeClass(classDir, root, unit, file, count) {
  const reference = path.join(root, 'exercises', unit, 'reference', file)
  for (let i = 0; i < count; i++) {
    mkdirSync(path.join(classDir, `learner-${i}`, unit), {recursive: true})
    copyFileSync(reference, path.join(classDir, `learner-${i}`, unit, file))
  }
}
