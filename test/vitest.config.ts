import {defineConfig} from 'vitest/config'

export default defineConfig({
  // Graders import the kit by the name authors use; under test it is the TypeScript source.
  resolve: {
    alias: [
      {find: /^course\/kit\/lab$/, replacement: new URL('../src/kit/lab.ts', import.meta.url).pathname},
      {find: /^course\/kit\/driver$/, replacement: new URL('../src/kit/driver.ts', import.meta.url).pathname},
      {find: /^course\/kit$/, replacement: new URL('../src/kit/index.ts', import.meta.url).pathname},
    ],
  },
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
