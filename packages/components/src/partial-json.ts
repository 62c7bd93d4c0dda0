// An incremental JSON parser for function-call arguments as they stream. It keeps its state between
// feeds, so each delta costs only its own length (no re-parse of the prefix), and exposes the value
// built so far: open objects, arrays and strings appear as they fill in.
//
// Over the package's ~350 lines on purpose: most of it is one state machine (the stack of open
// containers, the token being read, and `step`, which moves between them character by character),
// which reads best whole. After it come only its two ways in for the components: `formatPartialJson`
// and the per-call `ArgumentsCache`.

type Container = { kind: 'object'; value: Record<string, unknown>; key: string | null; expect: ObjectExpect }
type ArrayFrame = { kind: 'array'; value: unknown[]; expect: ArrayExpect }
type Frame = Container | ArrayFrame
type ObjectExpect = 'keyOrEnd' | 'key' | 'colon' | 'value' | 'commaOrEnd'
type ArrayExpect = 'valueOrEnd' | 'value' | 'commaOrEnd'

type Token =
  | { kind: 'string'; text: string; escape: 0 | 1 | 2; hex: string; isKey: boolean; slot: number }
  | { kind: 'number'; text: string; slot: number }
  | { kind: 'literal'; text: string; target: 'true' | 'false' | 'null' }

const LITERALS = { true: true, false: false, null: null } as const
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const NUMBER_CHAR = /[0-9eE+\-.]/
const WHITESPACE = /\s/

/** Where a partial parse stands. */
export type PartialJsonStatus = 'empty' | 'partial' | 'complete' | 'error'

/**
 * Parses JSON fed in pieces. `value` is the value so far (containers and strings partially filled),
 * `status` says whether it is complete, and `charsFed` counts every character ever fed.
 */
export class PartialJsonParser {
  /** Characters fed so far (what a test reads to prove the parser is fed incrementally). */
  charsFed = 0
  /** Bumped on every feed, so a view can tell that `value` changed in place. */
  version = 0
  /** The error message once the input stopped being JSON. */
  error: string | null = null
  private root: unknown = undefined
  private hasRoot = false
  private done = false
  private readonly stack: Frame[] = []
  private token: Token | null = null

  /** The value parsed so far (undefined before any value began). Mutated in place by later feeds. */
  get value(): unknown {
    return this.root
  }

  /** Whether the input so far is empty, a prefix of JSON, a complete value, or not JSON. */
  get status(): PartialJsonStatus {
    if (this.error) return 'error'
    if (this.done) return 'complete'
    return this.hasRoot || this.token ? 'partial' : 'empty'
  }

  /**
   * Declares the input complete. A number at the very end (`42`) has nothing after it to end it;
   * this ends it. Anything still open makes the input an error.
   */
  finish(): void {
    if (this.error || this.done) return
    const token = this.token
    if (token?.kind === 'number' && this.stack.length === 0 && Number.isFinite(Number(token.text))) {
      this.token = null
      this.place(Number(token.text), token.slot)
      this.valueDone()
      return
    }
    this.fail(this.hasRoot || token ? 'unexpected end of input' : 'no input')
  }

  /** The value so far as indented JSON, open containers and strings left open (see formatPartialJson). */
  pretty(): string {
    if (!this.hasRoot) return ''
    const open = new Set<unknown>(this.stack.map((frame) => frame.value))
    const deepest = this.stack[this.stack.length - 1]
    const token = this.token
    let out = ''
    const write = (value: unknown, depth: number): void => {
      if (value === null || typeof value !== 'object') {
        out += JSON.stringify(value) ?? 'null'
        return
      }
      const isArray = Array.isArray(value)
      const entries: Array<[string | null, unknown]> = isArray
        ? (value as unknown[]).map((item) => [null, item])
        : Object.entries(value as Record<string, unknown>)
      const pad = INDENT.repeat(depth + 1)
      out += isArray ? '[' : '{'
      entries.forEach(([key, item], i) => {
        out += `${i ? ',' : ''}\n${pad}${key === null ? '' : `${JSON.stringify(key)}: `}`
        write(item, depth + 1)
      })
      if (!open.has(value)) {
        out += `${entries.length ? `\n${INDENT.repeat(depth)}` : ''}${isArray ? ']' : '}'}`
        return
      }
      // The deepest open object may be part-way through its next key.
      if (deepest?.kind === 'object' && deepest.value === value) {
        const key = deepest.expect === 'colon' || deepest.expect === 'value' ? deepest.key : null
        const partialKey = token?.kind === 'string' && token.isKey ? token.text : null
        if (key !== null && !(key in deepest.value))
          out += `${entries.length ? ',' : ''}\n${pad}${JSON.stringify(key)}:`
        else if (partialKey !== null)
          out += `${entries.length ? ',' : ''}\n${pad}${JSON.stringify(partialKey).slice(0, -1)}`
      }
    }
    write(this.root, 0)
    // A string still being read is the last thing written: drop its closing quote.
    if (token?.kind === 'string' && !token.isKey && out.endsWith('"')) out = out.slice(0, -1)
    return out
  }

  /** Consumes the next piece of the input. */
  feed(chunk: string): void {
    this.charsFed += chunk.length
    this.version++
    if (this.error) return
    for (let i = 0; i < chunk.length; i++) {
      if (!this.step(chunk[i]!)) return
    }
    this.showPending()
  }

  // One character; false once the input is not JSON.
  private step(c: string): boolean {
    const token = this.token
    if (token) {
      if (token.kind === 'string') return this.stringChar(token, c)
      if (token.kind === 'number') {
        if (NUMBER_CHAR.test(c)) {
          token.text += c
          return true
        }
        const n = Number(token.text)
        if (!Number.isFinite(n) || token.text === '') return this.fail(`bad number "${token.text}"`)
        this.token = null
        this.place(n, token.slot)
        this.valueDone()
      } else {
        token.text += c
        if (!token.target.startsWith(token.text)) return this.fail(`unexpected "${token.text}"`)
        if (token.text === token.target) {
          this.token = null
          this.place(LITERALS[token.target], -1)
          this.valueDone()
        }
        return true
      }
    }
    if (WHITESPACE.test(c)) return true
    const frame = this.stack[this.stack.length - 1]
    if (!frame) {
      if (this.done) return this.fail(`unexpected "${c}" after the value`)
      return this.beginValue(c)
    }
    if (frame.kind === 'object') {
      switch (frame.expect) {
        case 'keyOrEnd':
          if (c === '}') return this.close()
          if (c === '"') return this.beginKey()
          return this.fail(`expected a key, got "${c}"`)
        case 'key':
          if (c === '"') return this.beginKey()
          return this.fail(`expected a key, got "${c}"`)
        case 'colon':
          if (c !== ':') return this.fail(`expected ":", got "${c}"`)
          frame.expect = 'value'
          return true
        case 'value':
          return this.beginValue(c)
        case 'commaOrEnd':
          if (c === '}') return this.close()
          if (c !== ',') return this.fail(`expected "," or "}", got "${c}"`)
          frame.expect = 'key'
          return true
      }
    }
    switch (frame.expect) {
      case 'valueOrEnd':
        if (c === ']') return this.close()
        return this.beginValue(c)
      case 'value':
        return this.beginValue(c)
      case 'commaOrEnd':
        if (c === ']') return this.close()
        if (c !== ',') return this.fail(`expected "," or "]", got "${c}"`)
        frame.expect = 'value'
        return true
    }
  }

  private stringChar(token: Extract<Token, { kind: 'string' }>, c: string): boolean {
    if (token.escape === 1) {
      if (c === 'u') {
        token.escape = 2
        token.hex = ''
        return true
      }
      const escaped = ESCAPES[c]
      if (escaped === undefined) return this.fail(`bad escape "\\${c}"`)
      token.text += escaped
      token.escape = 0
      return true
    }
    if (token.escape === 2) {
      if (!/[0-9a-fA-F]/.test(c)) return this.fail(`bad unicode escape "\\u${token.hex}${c}"`)
      token.hex += c
      if (token.hex.length === 4) {
        token.text += String.fromCharCode(Number.parseInt(token.hex, 16))
        token.escape = 0
      }
      return true
    }
    if (c === '\\') {
      token.escape = 1
      return true
    }
    if (c !== '"') {
      token.text += c
      return true
    }
    this.token = null
    if (token.isKey) {
      const frame = this.stack[this.stack.length - 1] as Container
      frame.key = token.text
      frame.expect = 'colon'
      return true
    }
    this.place(token.text, token.slot)
    this.valueDone()
    return true
  }

  private beginKey(): boolean {
    this.token = { kind: 'string', text: '', escape: 0, hex: '', isKey: true, slot: -1 }
    return true
  }

  private beginValue(c: string): boolean {
    if (c === '{' || c === '[') {
      const frame: Frame =
        c === '{'
          ? { kind: 'object', value: {}, key: null, expect: 'keyOrEnd' }
          : { kind: 'array', value: [], expect: 'valueOrEnd' }
      this.place(frame.value, -1)
      this.stack.push(frame)
      return true
    }
    if (c === '"') {
      this.token = { kind: 'string', text: '', escape: 0, hex: '', isKey: false, slot: this.place('', -1) }
      return true
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      this.token = { kind: 'number', text: c, slot: -1 }
      return true
    }
    if (c === 't' || c === 'f' || c === 'n') {
      const target = c === 't' ? 'true' : c === 'f' ? 'false' : 'null'
      this.token = { kind: 'literal', text: c, target }
      return true
    }
    return this.fail(`unexpected "${c}"`)
  }

  // Puts a value where the parser stands; returns the array slot used (to update a growing string).
  private place(value: unknown, slot: number): number {
    const frame = this.stack[this.stack.length - 1]
    if (!frame) {
      this.root = value
      this.hasRoot = true
      return -1
    }
    if (frame.kind === 'object') {
      if (frame.key !== null) frame.value[frame.key] = value
      return -1
    }
    if (slot >= 0) {
      frame.value[slot] = value
      return slot
    }
    return frame.value.push(value) - 1
  }

  // A value ended: its container now waits for a separator, or the document is complete.
  private valueDone(): void {
    const frame = this.stack[this.stack.length - 1]
    if (!frame) this.done = true
    else frame.expect = 'commaOrEnd'
  }

  private close(): boolean {
    this.stack.pop()
    this.valueDone()
    return true
  }

  // A string or number still being read is shown as far as it goes.
  private showPending(): void {
    const token = this.token
    if (!token || token.kind === 'literal' || (token.kind === 'string' && token.isKey)) return
    if (token.kind === 'string') {
      token.slot = this.place(token.text, token.slot)
      return
    }
    const n = Number.parseFloat(token.text)
    if (Number.isFinite(n)) token.slot = this.place(n, token.slot)
  }

  private fail(message: string): false {
    this.error = message
    return false
  }
}

const INDENT = '  '

/**
 * Pretty JSON for the value so far, written the way the text is arriving: containers still open
 * have no closing bracket, a string still being read has no closing quote, and a key being read
 * shows as far as it goes. Text that is not JSON comes back as `raw`.
 */
export function formatPartialJson(parser: PartialJsonParser, raw: string): string {
  if (parser.status === 'error' || parser.status === 'empty') return raw
  return parser.pretty()
}

/** Per-call incremental parsers: each call's arguments string is fed only its new suffix. */
export interface ArgumentsCache {
  /** The parser for this call, fed up to the end of `args`. */
  parse(callId: string, args: string): PartialJsonParser
  /** Characters fed to all parsers so far. */
  readonly charsFed: number
  /** Forgets every call. */
  clear(): void
}

/** How many calls a cache remembers before it forgets the oldest. */
const MAX_CACHED_CALLS = 1000

/**
 * Creates a cache of argument parsers keyed by tool call id, holding `{consumed, parser}` per call.
 * Arguments only ever grow while they stream; a shorter or different string starts over.
 */
export function createArgumentsCache(): ArgumentsCache {
  const entries = new Map<string, { consumed: number; last: string; parser: PartialJsonParser }>()
  let retiredChars = 0
  return {
    parse(callId, args) {
      let entry = entries.get(callId)
      // Cheap sanity check instead of comparing the whole prefix: length and the last consumed char.
      if (
        !entry ||
        args.length < entry.consumed ||
        (entry.consumed > 0 && args.charCodeAt(entry.consumed - 1) !== entry.last.charCodeAt(0))
      ) {
        if (entry) retiredChars += entry.parser.charsFed
        entry = { consumed: 0, last: '', parser: new PartialJsonParser() }
        entries.set(callId, entry)
        if (entries.size > MAX_CACHED_CALLS) {
          const oldest = entries.keys().next().value as string
          retiredChars += entries.get(oldest)!.parser.charsFed
          entries.delete(oldest)
        }
      }
      if (args.length > entry.consumed) {
        entry.parser.feed(args.slice(entry.consumed))
        entry.consumed = args.length
        entry.last = args[args.length - 1]!
      }
      return entry.parser
    },
    get charsFed() {
      let total = retiredChars
      for (const entry of entries.values()) total += entry.parser.charsFed
      return total
    },
    clear() {
      for (const entry of entries.values()) retiredChars += entry.parser.charsFed
      entries.clear()
    },
  }
}
