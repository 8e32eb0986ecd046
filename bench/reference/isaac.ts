/**
 * The pseudo-random generator behind Effect's `Random.withSeed` (ISAAC, in effect/src/Random.ts),
 * reimplemented as a plain function: Effect does not export it, and the reference loop must draw
 * the same numbers as the product without Effect. Same seeding from a string (UTF-8 bytes as
 * little-endian 32-bit words), same 53-bit doubles; the state lives in typed arrays and 32-bit sums
 * are `(x + y) | 0`, which equal Effect's `add32` bit for bit. A test holds the two together.
 *
 * Derivative of isaac.js, copyright (c) 2012 Yves-Marie K. Rinquin (MIT), via William P. McMeans's
 * isaacCSPRNG (BSD) and Effectful Technologies' Random.ts (MIT).
 */

/** Draws doubles in [0, 1), as Effect's `Random.nextDoubleUnsafe` does for the same seed. */
export type NextDouble = () => number

const golden = 0x9e3779b9 | 0

export const seededDoubles = (seed: string): NextDouble => {
  const memory = new Int32Array(256)
  const results = new Int32Array(256)
  let accumulator = 0
  let lastResult = 0
  let counter = 0

  const bytes = new TextEncoder().encode(seed)
  for (let index = 0; index < bytes.length; index += 4) {
    const word =
      (bytes[index] ?? 0) |
      ((bytes[index + 1] ?? 0) << 8) |
      ((bytes[index + 2] ?? 0) << 16) |
      ((bytes[index + 3] ?? 0) << 24)
    results[(index >> 2) & 0xff] = (results[(index >> 2) & 0xff] as number) + word
  }

  let a = golden
  let b = golden
  let c = golden
  let d = golden
  let e = golden
  let f = golden
  let g = golden
  let h = golden
  const mix = () => {
    a ^= b << 11
    d = (d + a) | 0
    b = (b + c) | 0
    b ^= c >>> 2
    e = (e + b) | 0
    c = (c + d) | 0
    c ^= d << 8
    f = (f + c) | 0
    d = (d + e) | 0
    d ^= e >>> 16
    g = (g + d) | 0
    e = (e + f) | 0
    e ^= f << 10
    h = (h + e) | 0
    f = (f + g) | 0
    f ^= g >>> 4
    a = (a + f) | 0
    g = (g + h) | 0
    g ^= h << 8
    b = (b + g) | 0
    h = (h + a) | 0
    h ^= a >>> 9
    c = (c + h) | 0
    a = (a + b) | 0
  }
  // Two passes over the seed words, then over the memory they made, as ISAAC seeds itself.
  const fold = (source: Int32Array) => {
    for (let i = 0; i < 256; i += 8) {
      a = (a + (source[i] as number)) | 0
      b = (b + (source[i + 1] as number)) | 0
      c = (c + (source[i + 2] as number)) | 0
      d = (d + (source[i + 3] as number)) | 0
      e = (e + (source[i + 4] as number)) | 0
      f = (f + (source[i + 5] as number)) | 0
      g = (g + (source[i + 6] as number)) | 0
      h = (h + (source[i + 7] as number)) | 0
      mix()
      memory[i] = a
      memory[i + 1] = b
      memory[i + 2] = c
      memory[i + 3] = d
      memory[i + 4] = e
      memory[i + 5] = f
      memory[i + 6] = g
      memory[i + 7] = h
    }
  }
  for (let round = 0; round < 4; round++) mix()
  fold(results)
  fold(memory)

  /** The next 256 results. */
  const refill = () => {
    counter = (counter + 1) | 0
    lastResult = (lastResult + counter) | 0
    for (let i = 0; i < 256; i++) {
      switch (i & 3) {
        case 0:
          accumulator ^= accumulator << 13
          break
        case 1:
          accumulator ^= accumulator >>> 6
          break
        case 2:
          accumulator ^= accumulator << 2
          break
        default:
          accumulator ^= accumulator >>> 16
      }
      accumulator = ((memory[(i + 128) & 0xff] as number) + accumulator) | 0
      const x = memory[i] as number
      const y = ((memory[(x >>> 2) & 0xff] as number) + ((accumulator + lastResult) | 0)) | 0
      memory[i] = y
      lastResult = ((memory[(y >>> 10) & 0xff] as number) + x) | 0
      results[i] = lastResult
    }
  }
  refill()

  // Results are handed out from the end of the block down, as Effect does.
  let remaining = 256
  const nextInt32 = (): number => {
    if (remaining === 0) {
      refill()
      remaining = 256
    }
    return results[--remaining] as number
  }

  return () => {
    const high = (nextInt32() >>> 0) & 0x1fffff
    const low = nextInt32() >>> 0
    return (high * 4294967296 + low) / 0x20000000000000
  }
}
