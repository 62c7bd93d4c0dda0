import { readdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { apiErrorFromBody } from './client/errors.js'
import { errorBodyFields } from './error-body.js'

const response = (status: number, statusText = '', contentType = 'application/json') =>
  new Response(null, { status, statusText, headers: { 'content-type': contentType } })

describe('errorBodyFields', () => {
  it('reads {"error":{...}}, {"error":"..."} and {"message":"..."} bodies, numeric codes as text', () => {
    const wrapped = JSON.stringify({
      error: { message: 'No run', type: 'invalid_request_error', param: 'id', code: 404 },
    })
    expect(errorBodyFields(response(404), wrapped, 'Retrieve')).toEqual({
      message: 'No run',
      code: '404',
      type: 'invalid_request_error',
      param: 'id',
    })
    expect(errorBodyFields(response(400), '{"error":"bad input","code":"x"}', 'Create')).toEqual({
      message: 'bad input',
      code: 'x',
      type: null,
      param: null,
    })
    expect(errorBodyFields(response(500), '{"message":"boom","type":"server"}', 'Create')).toEqual({
      message: 'boom',
      code: null,
      type: 'server',
      param: null,
    })
    // An error object without a message still names the status.
    expect(errorBodyFields(response(503, 'Unavailable'), '{"error":{}}', 'The stream request').message).toBe(
      'The stream request failed with 503 Unavailable',
    )
  })

  it('names the status, the content type and a tag-free excerpt of anything else', () => {
    const page = `<html><style>p{}</style><script>x()</script><p>Bad   gateway</p>${'x'.repeat(300)}</html>`
    const fields = errorBodyFields(response(502, 'Bad Gateway', 'text/html'), page, 'List')
    expect(fields.code).toBeNull()
    expect(fields.message).toMatch(/^List failed with 502 Bad Gateway \(text\/html body: Bad gateway x+…\)$/)
    expect(errorBodyFields(response(500), '', 'List').message).toBe(
      'List failed with 500 (application/json body, empty)',
    )
  })

  it('is what the client reads its API errors with', () => {
    const body =
      '{"error":{"message":"Slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}'
    const error = apiErrorFromBody(response(429), body, 'Create run')
    expect(error).toMatchObject({
      kind: 'api',
      status: 429,
      ...errorBodyFields(response(429), body, 'Create run'),
    })
  })
})

describe('module layering', () => {
  it('keeps the parsing and state modules below the client: none of them imports from client/', () => {
    const dir = dirname(fileURLToPath(import.meta.url))
    const lower = readdirSync(dir).filter((name) => /^[a-z-]+\.ts$/.test(name) && name !== 'index.ts')
    expect(lower).toContain('parse.ts')
    for (const name of lower) {
      expect(readFileSync(`${dir}/${name}`, 'utf8'), name).not.toMatch(/from '\.\/client\//)
    }
  })
})
