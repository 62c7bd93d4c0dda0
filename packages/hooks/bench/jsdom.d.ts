// The few jsdom APIs the benchmark uses (the repo has jsdom but not @types/jsdom).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { url?: string; pretendToBeVisual?: boolean })
    readonly window: Window & typeof globalThis & { close(): void }
  }
}
