/**
 * Loads a full-screen view (the reader, the calculator screen) for someone at a real terminal.
 *
 * Ink draws only its final frame when CI or CONTINUOUS_INTEGRATION is set, and it reads the two
 * variables once, when it is first loaded. Someone whose shell sets CI would face a blank screen
 * until quitting. The full-screen views open only when stdin and stdout are both terminals, where
 * drawing as the screen changes is right whatever CI says, so Ink is loaded with the variables
 * hidden; they are put back at once, so processes started later see the environment unchanged.
 * Call it before anything else loads Ink, or the hiding comes too late.
 */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const

export async function loadInteractive<T>(load: () => Promise<T>): Promise<T> {
  const saved = CI_VARIABLES.map((name) => [name, process.env[name]] as const)
  for (const name of CI_VARIABLES) delete process.env[name]
  try {
    return await load()
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value
  }
}
