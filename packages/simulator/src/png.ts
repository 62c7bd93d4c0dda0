/**
 * A dependency-free PNG writer: 8-bit indexed colour, zlib stream made of *stored* (uncompressed)
 * deflate blocks, so no compressor is needed and the output is byte-for-byte deterministic.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (ISO-HDLC, as PNG chunks use). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff
  for (let i = start; i < end; i++)
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** Adler-32 (the zlib trailer). */
export function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < bytes.length; i++) {
    a = (a + (bytes[i] as number)) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** Wraps raw bytes in a zlib stream of stored deflate blocks (≤ 65535 bytes each). */
export function zlibStored(raw: Uint8Array): Uint8Array {
  const blockCount = Math.max(1, Math.ceil(raw.length / 65535))
  const out = new Uint8Array(2 + raw.length + blockCount * 5 + 4)
  const view = new DataView(out.buffer)
  out[0] = 0x78 // deflate, 32K window
  out[1] = 0x01 // no preset dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
  let at = 2
  for (let block = 0; block < blockCount; block++) {
    const from = block * 65535
    const length = Math.min(65535, raw.length - from)
    out[at] = block === blockCount - 1 ? 1 : 0 // BFINAL, BTYPE=00 (stored)
    view.setUint16(at + 1, length, true)
    view.setUint16(at + 3, ~length & 0xffff, true)
    out.set(raw.subarray(from, from + length), at + 5)
    at += 5 + length
  }
  view.setUint32(at, adler32(raw))
  return out
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length))
  return out
}

/** A paletted image: `pixels[y * width + x]` indexes into `palette` ([r, g, b] each). */
export interface IndexedImage {
  width: number
  height: number
  palette: ReadonlyArray<readonly [number, number, number]>
  pixels: Uint8Array
}

/** Encodes an indexed image as PNG bytes. */
export function encodePng(image: IndexedImage): Uint8Array {
  const { width, height, palette, pixels } = image
  const header = new Uint8Array(13)
  const headerView = new DataView(header.buffer)
  headerView.setUint32(0, width)
  headerView.setUint32(4, height)
  header.set([8, 3, 0, 0, 0], 8) // bit depth 8, colour type 3 (indexed), deflate, filter 0, no interlace
  const plte = new Uint8Array(palette.length * 3)
  for (const [i, [r, g, b]] of palette.entries()) plte.set([r, g, b], i * 3)
  // Each scanline is prefixed with filter type 0 (None).
  const raw = new Uint8Array(height * (width + 1))
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  const parts = [
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const CHART_PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [255, 255, 255], // 0 background
  [203, 213, 225], // 1 grid
  [71, 85, 105], // 2 axes
  [37, 99, 235], // 3 bars
  [249, 115, 22], // 4 highlighted (largest) bar
]

/** Draws a small bar chart of `values` (any non-negative numbers) as a PNG. */
export function renderBarChartPng(values: readonly number[], width = 240, height = 160): Uint8Array {
  const pixels = new Uint8Array(width * height)
  const fill = (x0: number, y0: number, x1: number, y1: number, colour: number) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++)
      pixels.fill(colour, y * width + Math.max(0, x0), y * width + Math.min(width, x1))
  }
  const left = 20
  const bottom = height - 16
  const top = 12
  for (let i = 1; i <= 4; i++) {
    const y = Math.round(bottom - ((bottom - top) * i) / 4)
    fill(left, y, width - 8, y + 1, 1)
  }
  const max = Math.max(1, ...values)
  const slot = (width - 8 - left) / Math.max(1, values.length)
  values.forEach((value, i) => {
    const barHeight = Math.round(((bottom - top) * value) / max)
    const x0 = Math.round(left + i * slot + slot * 0.2)
    const x1 = Math.round(left + (i + 1) * slot - slot * 0.2)
    fill(x0, bottom - barHeight, x1, bottom, value === max ? 4 : 3)
  })
  fill(left - 1, top - 4, left + 1, bottom + 1, 2)
  fill(left - 1, bottom, width - 8, bottom + 2, 2)
  return encodePng({ width, height, palette: CHART_PALETTE, pixels })
}
