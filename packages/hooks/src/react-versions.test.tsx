import { render } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, it } from 'vitest'

// The hooks' tests run twice: on React 19 (project `dom`) and on React 18.3 (project `react18`, whose
// React comes from packages/hooks/react18 and which sets RUNLINE_REACT_MAJOR). This pins which React
// each run really uses, so the 18.3 run cannot silently fall back to 19.
describe('React peer under test', () => {
  it('renders with one copy of React, of the major the project asks for', () => {
    expect(domVersion).toBe(version)
    expect(version.split('.')[0]).toBe(process.env.RUNLINE_REACT_MAJOR ?? '19')
    const { container } = render(<p>React {version}</p>)
    expect(container.textContent).toBe(`React ${version}`)
  })
})
