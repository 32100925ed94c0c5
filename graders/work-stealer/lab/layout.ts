/**
 * The shared memory of a work-distribution run: one SharedArrayBuffer that the main thread and
 * every worker map. Task durations, per-worker deques (each with room for every task) and counters
 * live there, so workers hand tasks to each other without messages.
 */
export const STRATEGIES = ['static', 'shared-queue', 'work-stealing'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** Control cells (Int32): indices into `control`. */
export enum Cell {
  /** Set to 1 by the main thread to start everyone at once. */
  Go = 0,
  /** The next task index of the shared queue. */
  Next = 1,
  /** Tasks not yet finished. */
  Remaining = 2,
  /** Tasks finished (for progress). */
  Finished = 3,
  /** Workers done with this run. */
  Done = 4,
  Count = 5,
}

/** Per-worker deque cells (Int32), at `dequeBase(w)`: lock, top, bottom. */
export const DEQUE_CELLS = 3

export interface Layout {
  readonly buffer: SharedArrayBuffer
  readonly tasks: number
  readonly workers: number
}

export function createLayout(tasks: number, workers: number): Layout {
  // + 8: room for the padding that aligns the Float64 views.
  const bytes = 4 * (Cell.Count + workers * DEQUE_CELLS + workers * tasks) + 8 + 8 * (tasks + 4 * workers)
  return {buffer: new SharedArrayBuffer(bytes), tasks, workers}
}

/** Typed views of a layout; the same on every thread. */
export function views(layout: Layout) {
  const {buffer, tasks, workers} = layout
  let offset = 0
  const control = new Int32Array(buffer, offset, Cell.Count)
  offset += 4 * Cell.Count
  const deques = new Int32Array(buffer, offset, workers * DEQUE_CELLS)
  offset += 4 * workers * DEQUE_CELLS
  const slots = new Int32Array(buffer, offset, workers * tasks)
  offset += 4 * workers * tasks
  // Float64 views need 8-byte alignment.
  offset = Math.ceil(offset / 8) * 8
  const durations = new Float64Array(buffer, offset, tasks)
  offset += 8 * tasks
  /** Per worker: finish time, busy time, idle time, steals. */
  const stats = new Float64Array(buffer, offset, 4 * workers)
  return {control, deques, slots, durations, stats}
}

export type Views = ReturnType<typeof views>
