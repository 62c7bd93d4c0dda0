import { describe, expect, it } from 'vitest'
import { createArgumentsCache, formatPartialJson, PartialJsonParser } from './partial-json.js'

/** Feeds text in pieces cut at the given points. */
function feedInPieces(text: string, cuts: number[]): PartialJsonParser {
  const parser = new PartialJsonParser()
  let at = 0
  for (const cut of [...cuts, text.length]) {
    parser.feed(text.slice(at, cut))
    at = cut
  }
  return parser
}

const SAMPLES: unknown[] = [
  { location: 'Paris', unit: 'c' },
  { a: [1, -2.5e3, true, false, null, { b: 'x\n"y"\\ \u00e9 \ud83d\ude80' }], c: {} },
  [[], [{}], 'str', 0, 12.75],
  'just a string',
  42,
  null,
  { nested: { deeper: { deepest: ['a', 'b', { k: 'v' }] } }, unicode: '東京' },
]

describe('PartialJsonParser', () => {
  it('parses any chunking of valid JSON to what JSON.parse gives', () => {
    for (const sample of SAMPLES) {
      for (const text of [JSON.stringify(sample), JSON.stringify(sample, null, 2)]) {
        // Every single cut point, and one-character pieces.
        for (let cut = 0; cut <= text.length; cut++) {
          const parser = feedInPieces(text, [cut])
          parser.finish()
          expect(parser.status).toBe('complete')
          expect(parser.value).toEqual(sample)
        }
        const byChar = feedInPieces(
          text,
          Array.from({ length: text.length }, (_, i) => i),
        )
        byChar.finish()
        expect(byChar.value).toEqual(sample)
        expect(byChar.charsFed).toBe(text.length)
      }
    }
  })

  it('exposes the value built so far while the text is cut short', () => {
    const parser = new PartialJsonParser()
    parser.feed('{"location": "Par')
    expect(parser.status).toBe('partial')
    expect(parser.value).toEqual({ location: 'Par' })
    parser.feed('is", "days": [1, 2')
    expect(parser.value).toEqual({ location: 'Paris', days: [1, 2] })
    parser.feed(']}')
    expect(parser.status).toBe('complete')
  })

  it('writes partial JSON with open containers and strings left open', () => {
    const parser = new PartialJsonParser()
    parser.feed('{"location": "Par')
    expect(formatPartialJson(parser, '')).toBe('{\n  "location": "Par')
    parser.feed('is", "un')
    expect(formatPartialJson(parser, '')).toBe('{\n  "location": "Paris",\n  "un')
    parser.feed('it": "c"}')
    expect(formatPartialJson(parser, '')).toBe('{\n  "location": "Paris",\n  "unit": "c"\n}')
  })

  it('finish() ends a trailing number and rejects input cut short', () => {
    const number = new PartialJsonParser()
    number.feed('-12.5')
    expect(number.status).toBe('partial')
    number.finish()
    expect(number.value).toBe(-12.5)
    const cut = new PartialJsonParser()
    cut.feed('{"a": [1')
    cut.finish()
    expect(cut.status).toBe('error')
  })

  it('reports text that is not JSON, and falls back to the raw text', () => {
    for (const bad of ['{"a" 1}', '{a: 1}', '[1,,]', '{"a": tru}', '{"a": 1}}', 'nope']) {
      const parser = feedInPieces(bad, [2])
      expect(parser.status, bad).toBe('error')
      expect(formatPartialJson(parser, bad)).toBe(bad)
    }
  })
})

describe('createArgumentsCache', () => {
  it('feeds each call only the new suffix of its arguments', () => {
    const cache = createArgumentsCache()
    const args = JSON.stringify({ location: 'São Paulo', unit: 'f', days: [1, 2, 3] })
    let prefix = ''
    for (let i = 0; i < args.length; i += 3) {
      prefix = args.slice(0, i + 3)
      cache.parse('call_a', prefix)
      // Re-reading the same arguments (a re-render) feeds nothing.
      cache.parse('call_a', prefix)
    }
    expect(cache.parse('call_a', args).value).toEqual(JSON.parse(args))
    // Linear: every character fed exactly once (a re-parse per delta would feed ~n²/6 here).
    expect(cache.charsFed).toBe(args.length)
  })

  it('keeps calls apart and starts over when a call id sees different arguments', () => {
    const cache = createArgumentsCache()
    cache.parse('call_a', '{"x": 1')
    cache.parse('call_b', '[true')
    expect(cache.parse('call_a', '{"x": 1}').value).toEqual({ x: 1 })
    expect(cache.parse('call_b', '[true]').value).toEqual([true])
    // A shorter string cannot be a continuation: parse it afresh.
    expect(cache.parse('call_a', '{"y"').value).toEqual({})
    expect(cache.parse('call_a', '{"y": 2}').value).toEqual({ y: 2 })
  })
})
