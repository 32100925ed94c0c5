/**
 * The grader and its sandboxed child talk over one private socket (the child's descriptor 3) in
 * length-prefixed frames: four bytes of length, big-endian, then that many bytes of UTF-8 JSON.
 *
 * Node's own IPC channel is not used: it parses whatever arrives as newline-delimited JSON with no
 * limit (an endless line or garbage from learner code crashed the grader), and it can carry
 * handles (a socket passed over it kept the channel open, and grading never ended). Here the
 * parent knows how long each frame is before reading it, refuses one that is too long, and
 * validates every message before using it (see protocol.ts).
 */
export const FRAME_HEADER_BYTES = 4

/** Frames the reader refuses: the child is then killed, since the stream can no longer be trusted. */
export class ChannelViolation extends Error {}

export function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES)
  header.writeUInt32BE(payload.length, 0)
  return Buffer.concat([header, payload])
}

export interface FrameLimits {
  /** Bytes one frame may hold. */
  readonly maxFrameBytes: number
  /** Bytes all frames together may hold, over the child's life. */
  readonly maxTotalBytes: number
}

/**
 * Cuts a byte stream into frames, holding at most one frame's bytes. Chunks are kept in a list
 * and joined once per frame, so a frame arriving in many small pieces costs linear time.
 */
export class FrameReader {
  private chunks: Buffer[] = []
  private buffered = 0
  private total = 0
  private expected: number | undefined

  constructor(private readonly limits: FrameLimits) {}

  /** Adds bytes; returns the frames now complete. Throws ChannelViolation past a limit. */
  push(chunk: Buffer): Buffer[] {
    this.total += chunk.length
    if (this.total > this.limits.maxTotalBytes) throw new ChannelViolation(`more than ${megabytes(this.limits.maxTotalBytes)} sent to the grader`)
    this.chunks.push(chunk)
    this.buffered += chunk.length
    const frames: Buffer[] = []
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < FRAME_HEADER_BYTES) break
        const length = this.take(FRAME_HEADER_BYTES).readUInt32BE(0)
        if (length > this.limits.maxFrameBytes) throw new ChannelViolation(`a message of ${megabytes(length)}, over the ${megabytes(this.limits.maxFrameBytes)} limit`)
        this.expected = length
      }
      if (this.buffered < this.expected) break
      frames.push(this.take(this.expected))
      this.expected = undefined
    }
    return frames
  }

  /** True when a frame was begun and not finished (the stream ended mid-frame). */
  get partial(): boolean {
    return this.expected !== undefined || this.buffered > 0
  }

  private take(count: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered)
    const taken = joined.subarray(0, count)
    const rest = joined.subarray(count)
    this.chunks = rest.length > 0 ? [rest] : []
    this.buffered = rest.length
    return taken
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`
}
