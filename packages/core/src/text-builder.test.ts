import { expect, it } from 'vitest'
import { seededRandom } from './test-utils/recordings.js'
import { builderFor, TextBuilder } from './text-builder.js'

it('builds the text its fragments make, joined or not, and knows only the text it built last', () => {
  const random = seededRandom(3)
  const builder = new TextBuilder('start:')
  let expected = 'start:'
  const texts: string[] = []
  for (let i = 0; i < 500; i++) {
    const fragment = random() < 0.1 ? '' : `${i}${'é🚀'.repeat(Math.floor(random() * 3))} `
    expected += fragment
    const text = builder.append(fragment)
    expect(text).toBe(expected)
    expect(builder.builds(text)).toBe(true)
    texts.push(text)
  }
  // An earlier text (other characters) is not what it builds on.
  expect(builder.builds(texts[100]!)).toBe(false)
  expect(builder.builds(`${expected}x`)).toBe(false)
  // The same characters in another string object are.
  expect(builder.builds(expected.split('').join(''))).toBe(true)
})

it('takes over a text it built, or starts anew on any other (a state revived from JSON holds {})', () => {
  const builder = new TextBuilder()
  const text = builder.append('abc')
  expect(builderFor(builder, text)).toBe(builder)
  for (const held of [builder, {}, undefined, null, 'abc']) {
    const other = builderFor(held, 'xyz')
    expect(other).not.toBe(builder)
    expect(other.append('!')).toBe('xyz!')
  }
})

it('is invisible to equality and JSON', () => {
  const built = new TextBuilder()
  built.append('some text')
  expect({ a: 1, b: built }).toEqual({ a: 1, b: new TextBuilder() })
  expect({ a: 1, b: built }).toStrictEqual({ a: 1, b: new TextBuilder() })
  expect(JSON.stringify({ a: 1, b: built })).toBe('{"a":1}')
  expect({ ...built }).toEqual({})
})
