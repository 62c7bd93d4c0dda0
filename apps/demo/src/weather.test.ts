import { describe, expect, it } from 'vitest'
import { forecastFor, parseWeatherArgs } from './weather.js'

describe('get_weather client handler', () => {
  it('answers the same city the same way, from an object or a JSON string', () => {
    const a = JSON.parse(forecastFor({ location: 'Paris' }))
    const b = JSON.parse(forecastFor('{"location":"Paris","unit":"c"}'))
    expect(a).toEqual(b)
    expect(a).toMatchObject({ location: 'Paris', unit: 'c' })
    expect(typeof a.temperature).toBe('number')
    expect(typeof a.conditions).toBe('string')
  })

  it('converts to Fahrenheit when asked', () => {
    const c = JSON.parse(forecastFor({ location: 'Tokyo', unit: 'c' }))
    const f = JSON.parse(forecastFor({ location: 'Tokyo', unit: 'f' }))
    expect(f.temperature).toBe(Math.round((c.temperature * 9) / 5 + 32))
  })

  it('returns an error output for unusable arguments instead of throwing', () => {
    expect(parseWeatherArgs('{oops')).toBeNull()
    expect(JSON.parse(forecastFor({ city: 'Paris' }))).toHaveProperty('error')
  })
})
