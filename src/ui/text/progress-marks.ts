import type {StyleName} from '../../core/markdown/ansi.js'
import type {ProgressStatus} from '../../core/progress/state.js'

/** How a progress status reads in lists, in words so it survives without colour. */
export const PROGRESS_LABEL: Record<ProgressStatus, string> = {
  'not-started': '·',
  started: 'started',
  read: '✓ read',
  passed: '✓ passed',
}

export const PROGRESS_STYLE: Record<ProgressStatus, StyleName[]> = {
  'not-started': ['dim'],
  started: ['warn'],
  read: ['good'],
  passed: ['good'],
}
