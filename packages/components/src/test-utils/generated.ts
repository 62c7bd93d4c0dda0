/**
 * Core's seeded stream generator, for Node-environment tests and scripts only: its module resolves
 * a path with `new URL(..., import.meta.url)`, which Vite rewrites to an http: URL in jsdom tests.
 */
export { generateRunStream } from '../../../core/src/test-utils/generate.js'
