import {render} from 'ink'
import {useEffect, useState, type ComponentType} from 'react'

export interface LiveView<State> {
  /** Merges a change into the state and redraws. */
  update(change: Partial<State>): void
  readonly state: State
  /** Redraws once more, then takes the view down. */
  close(): Promise<void>
}

/**
 * An Ink view fed from outside React: a service's callbacks call `update`, the view redraws.
 * Used for the live screens of `course check` and `course grade`.
 */
export function renderLive<State extends object>(initial: State, View: ComponentType<State>): LiveView<State> {
  let state = initial
  let listener: ((next: State) => void) | undefined
  function Live() {
    const [view, setView] = useState(state)
    useEffect(() => {
      listener = setView
      setView(state)
      return () => {
        listener = undefined
      }
    }, [])
    return <View {...view} />
  }
  const instance = render(<Live />, {patchConsole: false})
  return {
    update(change) {
      state = {...state, ...change}
      listener?.(state)
    },
    get state() {
      return state
    },
    async close() {
      // One tick for the last update to reach the screen before unmounting.
      await new Promise((resolve) => setTimeout(resolve, 20))
      instance.unmount()
      await instance.waitUntilExit()
    },
  }
}
