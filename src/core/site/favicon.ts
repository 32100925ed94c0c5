/**
 * The site's icon: one job fanning out to three workers, white on the site's blue. It is drawn
 * twice from the same shapes: as SVG for the pages' `<link rel="icon">`, and as a small bitmap
 * `favicon.ico` at the site's root, because a browser (or a crawler) asks for `/favicon.ico` on its
 * own and should not get a 404.
 */

const BLUE = {r: 0x1d, g: 0x5f, b: 0xa8}
const SIZE = 32
const CORNER = 7
const DOT = 3.5
const LINE = 2.2
const TOP = {x: 16, y: 9}
const WORKERS = [
  {x: 7, y: 23},
  {x: 16, y: 23},
  {x: 25, y: 23},
]

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">
<rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="#1d5fa8"/>
<g stroke="#fff" stroke-width="${LINE}" stroke-linecap="round">${WORKERS.map((w) => `<line x1="${TOP.x}" y1="${TOP.y}" x2="${w.x}" y2="${w.y}"/>`).join('')}</g>
<g fill="#fff">${[TOP, ...WORKERS].map((p) => `<circle cx="${p.x}" cy="${p.y}" r="${DOT}"/>`).join('')}</g>
</svg>
`

/** Distance from p to the segment a–b. */
function toSegment(px: number, py: number, a: {x: number; y: number}, b: {x: number; y: number}): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - a.x - t * dx, py - a.y - t * dy)
}

function insideSquare(x: number, y: number): boolean {
  const cx = Math.max(CORNER, Math.min(SIZE - CORNER, x))
  const cy = Math.max(CORNER, Math.min(SIZE - CORNER, y))
  return x >= 0 && y >= 0 && x <= SIZE && y <= SIZE && Math.hypot(x - cx, y - cy) <= CORNER
}

function insideMark(x: number, y: number): boolean {
  return [TOP, ...WORKERS].some((p) => Math.hypot(x - p.x, y - p.y) <= DOT) || WORKERS.some((w) => toSegment(x, y, TOP, w) <= LINE / 2)
}

/** The icon at `pixels` × `pixels`, as BGRA rows from the bottom up (a BMP's order), 4×4 samples a pixel. */
function raster(pixels: number): Buffer {
  const samples = 4
  const out = Buffer.alloc(pixels * pixels * 4)
  const scale = SIZE / pixels
  for (let row = 0; row < pixels; row++) {
    for (let column = 0; column < pixels; column++) {
      let square = 0
      let mark = 0
      for (let i = 0; i < samples; i++) {
        for (let j = 0; j < samples; j++) {
          const x = (column + (i + 0.5) / samples) * scale
          const y = (row + (j + 0.5) / samples) * scale
          if (insideSquare(x, y)) {
            square++
            if (insideMark(x, y)) mark++
          }
        }
      }
      const white = square === 0 ? 0 : mark / square
      const at = ((pixels - 1 - row) * pixels + column) * 4
      out[at] = Math.round(BLUE.b + (255 - BLUE.b) * white)
      out[at + 1] = Math.round(BLUE.g + (255 - BLUE.g) * white)
      out[at + 2] = Math.round(BLUE.r + (255 - BLUE.r) * white)
      out[at + 3] = Math.round((255 * square) / (samples * samples))
    }
  }
  return out
}

/** One icon image in an .ico: a 32-bit BMP without its file header, then an all-clear AND mask. */
function bmpImage(pixels: number): Buffer {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(pixels, 4)
  header.writeInt32LE(pixels * 2, 8) // the colour rows and the mask rows, counted together
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const maskRow = Math.ceil(pixels / 32) * 4
  return Buffer.concat([header, raster(pixels), Buffer.alloc(maskRow * pixels)])
}

/** `favicon.ico` with the icon at 16 and 32 pixels. */
export function faviconIco(): Buffer {
  const images = [16, 32].map((pixels) => ({pixels, data: bmpImage(pixels)}))
  const directory = Buffer.alloc(6 + 16 * images.length)
  directory.writeUInt16LE(1, 2) // type 1: icon
  directory.writeUInt16LE(images.length, 4)
  let offset = directory.length
  images.forEach(({pixels, data}, index) => {
    const entry = 6 + 16 * index
    directory.writeUInt8(pixels, entry)
    directory.writeUInt8(pixels, entry + 1)
    directory.writeUInt16LE(1, entry + 4)
    directory.writeUInt16LE(32, entry + 6)
    directory.writeUInt32LE(data.length, entry + 8)
    directory.writeUInt32LE(offset, entry + 12)
    offset += data.length
  })
  return Buffer.concat([directory, ...images.map((image) => image.data)])
}
