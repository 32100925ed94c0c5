import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.{ts,tsx}'],
    // oclif's runCommand captures output by stubbing process.stdout; vitest must not intercept console first.
    disableConsoleIntercept: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real child processes and a real terminal: keep parallelism modest on small CI machines.
    maxWorkers: 2,
  },
})
