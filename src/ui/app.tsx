import {useApp, useInput, useStdin, type Key} from 'ink'
import {useMemo, useReducer, useRef} from 'react'
import {isGraded} from '../core/catalog/model.js'
import {renderTerminal} from '../core/markdown/terminal.js'
import type {ListResult} from '../services/list.js'
import type {ResumePoint} from '../services/progress.js'
import type {CourseActions} from './actions.js'
import {eachKey} from './hooks/each-key.js'
import {useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js'
import {HelpScreen} from './screens/help.js'
import {Home} from './screens/home.js'
import {UnitScreen, unitBodyRows, type UnitView} from './screens/unit.js'
import {continueMessage, READ_NOT_RECORDED, readerMessage} from './text/reader-messages.js'

type Screen = {readonly name: 'home'} | {readonly name: 'unit'; readonly unit: string; readonly view: UnitView; readonly markdown: string; readonly scroll: number}

interface UiState {
  readonly listing: ListResult
  readonly selected: number
  readonly screen: Screen
  readonly help: boolean
  readonly message?: string
}

export interface CourseAppProps {
  readonly actions: CourseActions
  readonly color: boolean
  /** Fixed size for tests; a real terminal's size (and its resizes) otherwise. */
  readonly size?: TerminalSize
  /** The unit to offer first, when `course` runs in a workspace with work under way. */
  readonly resume?: ResumePoint
}

function initialState(actions: CourseActions, resume: ResumePoint | undefined): UiState {
  const listing = actions.list()
  const selected = resume ? listing.units.findIndex((u) => u.id === resume.unit) : -1
  if (selected < 0) return {listing, selected: 0, screen: {name: 'home'}, help: false}
  return {listing, selected, screen: {name: 'home'}, help: false, message: continueMessage(resume!)}
}

function hintsMarkdown(hints: readonly string[], total: number): string {
  if (hints.length === 0) return '_No hints revealed yet. Press **h** for the first one._'
  return hints.map((hint, i) => `### Hint ${i + 1} of ${total}\n\n${hint}`).join('\n\n')
}

/**
 * The learner's TUI: the unit list and a unit's page, with hints, starting work and the write-up.
 *
 * State lives in a ref that key handlers read and write synchronously, then a re-render is asked
 * for. React state would hand a handler the values of the last render, so keys typed faster
 * than a frame ("j" then enter) would act on a stale selection.
 */
export function CourseApp(props: CourseAppProps) {
  const {actions} = props
  const {exit} = useApp()
  const {isRawModeSupported} = useStdin()
  const terminal = useTerminalSize()
  const {columns: width, rows} = props.size ?? terminal
  // One line less than the screen: a frame as tall as the terminal makes Ink redraw from the top.
  const height = Math.max(8, rows - 1)
  const bodyRows = unitBodyRows(height)

  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const store = useRef<UiState | undefined>(undefined)
  store.current ??= initialState(actions, props.resume)
  const update = (change: Partial<UiState>) => {
    store.current = {...store.current!, ...change}
    rerender()
  }

  const state = store.current
  const markdown = state.screen.name === 'unit' ? state.screen.markdown : ''
  const textWidth = Math.min(width, 100)
  const lines = useMemo(() => (markdown ? renderTerminal(markdown, {width: textWidth, color: props.color}) : []), [markdown, textWidth, props.color])
  const maxScroll = Math.max(0, lines.length - bodyRows)
  // Handlers may belong to an earlier render; the layout they scroll within must be this one.
  const layout = useRef({maxScroll, bodyRows})
  layout.current = {maxScroll, bodyRows}

  /** Runs an action on a unit; a failure (a UserError, mostly) becomes the status line, in the reader's words. */
  const attempt = (unit: string, action: () => Partial<UiState>) => {
    try {
      update(action())
    } catch (error) {
      update({message: readerMessage(error, store.current!.listing.units.find((u) => u.id === unit))})
    }
  }
  const open = (unit: string, view: UnitView, text: string): Partial<UiState> => ({
    screen: {name: 'unit', unit, view, markdown: text, scroll: 0},
    listing: actions.list(),
  })
  /** A unit's text; reading an ungraded unit completes it, which only a workspace can record. */
  const openText = (unit: string): Partial<UiState> => {
    const opened = open(unit, 'text', actions.text(unit))
    const shown = opened.listing!.units.find((u) => u.id === unit)
    const unrecorded = opened.listing!.workspace === null && shown !== undefined && !isGraded(shown.kind)
    return unrecorded ? {...opened, message: READ_NOT_RECORDED} : opened
  }

  const onHome = (input: string, key: Key, current: UiState) => {
    const count = current.listing.units.length
    const select = (selected: number) => update({selected})
    if (key.upArrow || input === 'k') select((current.selected + count - 1) % count)
    else if (key.downArrow || input === 'j') select((current.selected + 1) % count)
    else if (input === 'g') select(0)
    else if (input === 'G') select(count - 1)
    else if (key.return || key.rightArrow) {
      const unit = current.listing.units[current.selected]!
      attempt(unit.id, () => openText(unit.id))
    }
  }

  const onUnit = (input: string, key: Key, screen: Extract<Screen, {name: 'unit'}>) => {
    const {maxScroll, bodyRows} = layout.current
    const scrollTo = (to: number) => update({screen: {...screen, scroll: Math.min(Math.max(0, to), maxScroll)}})
    if (key.escape || key.leftArrow || key.backspace || key.delete) update({screen: {name: 'home'}, listing: actions.list()})
    else if (key.upArrow || input === 'k') scrollTo(screen.scroll - 1)
    else if (key.downArrow || input === 'j') scrollTo(screen.scroll + 1)
    else if (key.pageDown || input === ' ') scrollTo(screen.scroll + bodyRows - 1)
    else if (key.pageUp) scrollTo(screen.scroll - bodyRows + 1)
    else if (input === 'g') scrollTo(0)
    else if (input === 'G') scrollTo(maxScroll)
    else if (input === 't') attempt(screen.unit, () => openText(screen.unit))
    else if (input === 'o') attempt(screen.unit, () => open(screen.unit, 'solution', actions.solution(screen.unit)))
    else if (input === 's') {
      attempt(screen.unit, () => {
        const started = actions.start(screen.unit)
        const files = started.files.length > 0 ? ` (${started.files.length} file${started.files.length === 1 ? '' : 's'})` : ''
        const message = `Started in ${started.folder}${files}`
        const kind = store.current!.listing.units.find((u) => u.id === screen.unit)?.kind
        // An ungraded unit being read now counts as read, as it would have in a workspace.
        if (screen.view === 'text' && kind && !isGraded(kind)) {
          actions.text(screen.unit)
          return {listing: actions.list(), message: `${message}; recorded as read`}
        }
        return {listing: actions.list(), message}
      })
    } else if (input === 'h') {
      attempt(screen.unit, () => {
        const hint = actions.hint(screen.unit)
        return {
          ...open(screen.unit, 'hints', hintsMarkdown([...hint.previous, hint.hint], hint.total)),
          message: hint.exhausted ? 'That was the last hint.' : `Hint ${hint.number} of ${hint.total}`,
        }
      })
    }
  }

  useInput((chunk, chunkKey) => eachKey(chunk, chunkKey, onKey), {isActive: isRawModeSupported})

  function onKey(input: string, key: Key): void {
    const current = store.current!
    if (input === 'q' || (key.ctrl && input === 'c')) {
      exit()
      return
    }
    if (input === '?' || (current.help && key.escape)) {
      update({help: !current.help})
      return
    }
    if (current.help) return
    if (current.message) update({message: undefined})
    if (current.screen.name === 'home') onHome(input, key, store.current!)
    else onUnit(input, key, current.screen)
  }

  if (state.help) return <HelpScreen width={width} height={height} workspace={actions.workspace} />
  if (state.screen.name === 'unit') {
    const {screen} = state
    const unit = state.listing.units.find((u) => u.id === screen.unit)!
    return <UnitScreen unit={unit} view={screen.view} lines={lines} scroll={Math.min(screen.scroll, maxScroll)} width={width} height={height} message={state.message} />
  }
  return <Home listing={state.listing} selected={state.selected} width={width} height={height} message={state.message} />
}
