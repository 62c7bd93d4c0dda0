// Core's Responses parts (its Responses fold and callback adapter) as a module of their own: the target
// of the dynamic import in load-responses-parts.ts (a Responses history), and what the lazily loaded
// Responses wire imports, so a bundle places the fold in one chunk of its own that loads when either
// first needs it, never in an Assistants app's start chunk.
export { responsesParts } from '@runline/core'
