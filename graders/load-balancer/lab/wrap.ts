/**
 * Text blocks that fit the terminal: the course prints a text block as it is, so a sentence
 * longer than a line (an error message of the learner's, a summary) is split here, at spaces.
 */
import type {LabBlock} from 'course/kit/lab'

const WIDTH = 78

export function paragraph(text: string): LabBlock[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  // A single word longer than the line (a long identifier) is cut rather than left to overflow.
  return lines.map((l) => ({kind: 'text', text: l.length > WIDTH ? `${l.slice(0, WIDTH - 1)}…` : l}))
}
