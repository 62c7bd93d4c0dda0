import { describe, expect, it } from 'vitest'
import { apiPath, joinUrl, stringifyQuery } from './url.js'

describe('joinUrl', () => {
  it('puts exactly one slash between base and path, absolute or relative', () => {
    expect(joinUrl('/api/v1', '/threads')).toBe('/api/v1/threads')
    expect(joinUrl('/api/v1/', '/threads')).toBe('/api/v1/threads')
    expect(joinUrl('/api/v1//', 'threads')).toBe('/api/v1/threads')
    expect(joinUrl('https://host.example/api/v1/', '/threads/runs')).toBe(
      'https://host.example/api/v1/threads/runs',
    )
    expect(joinUrl('', '/threads')).toBe('/threads')
  })

  it('appends the query only when it has values', () => {
    expect(joinUrl('/api/v1', '/threads', { limit: undefined, order: null })).toBe('/api/v1/threads')
    expect(joinUrl('/api/v1', '/threads', { limit: 2, order: 'desc' })).toBe(
      '/api/v1/threads?limit=2&order=desc',
    )
  })
})

describe('stringifyQuery', () => {
  it('repeats array values as key[] and escapes like the OpenAI clients do', () => {
    expect(stringifyQuery({ include: ['a[*].b', "c d!'()"] })).toBe(
      'include[]=a%5B%2A%5D.b&include[]=c%20d%21%27%28%29',
    )
    expect(stringifyQuery({ include: [] })).toBe('')
  })
})

describe('apiPath', () => {
  it('encodes every id so it stays one path segment', () => {
    expect(apiPath`/threads/${'a/b?c'}/runs/${'r#1'}`).toBe('/threads/a%2Fb%3Fc/runs/r%231')
  })
})
