/**
 * What the engine stores and the shapes its parts share. The engine is wire-agnostic: it keeps runs,
 * steps and messages as Assistants-shaped records (the richest common model) and each wire face turns
 * them into its own wire shapes through {@link WireShapes} on the way out.
 */
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants'
import type { WireFile, WireMessage, WireRun, WireRunStep, WireThread } from '../wire.js'
import type { RunDriver } from './driver.js'

/** Event names of the Assistants stream (Foundry's classic agents use the same ones). */
export type StreamEventName = AssistantStreamEvent['event']

/** Where a stream response receives SSE text. */
export interface StreamSink {
  send(chunk: string): void
  end(): void
  /** `null` while the reader has room; else a promise for when it has (the run waits for it). */
  ready?(): Promise<void> | null
}

/** A thread and everything stored under it. */
export interface ThreadRecord {
  thread: WireThread
  messages: WireMessage[]
  runs: RunRecord[]
  /** Creation order among the engine's threads (lists sort by it: `created_at` has only seconds). */
  seq: number
}

/** How an MCP server's calls are approved: `always` (the default), `never`, or per tool name. */
export type McpApprovalPolicy = 'always' | 'never' | { always?: string[]; never?: string[] }

/** A run, its steps, and its driver. */
export interface RunRecord {
  run: WireRun
  steps: WireRunStep[]
  /** Whether the creating request asked for file_search result content (stream events honour it). */
  includeFileSearchContent: boolean
  /** Approval policy per MCP server label, from the run's `tool_resources.mcp` (Foundry). */
  mcpApproval: ReadonlyMap<string, McpApprovalPolicy>
  driver: RunDriver
}

/**
 * A face's wire shapes: what a client sees of each stored object. Called when an object leaves the
 * simulator (a JSON body or an SSE frame), never to change what is stored.
 */
export interface WireShapes {
  run(run: WireRun): unknown
  step(step: WireRunStep): unknown
  message(message: WireMessage): unknown
  thread(thread: WireThread): unknown
  /** A `thread.message.delta` chunk (as the engine builds it: `{id, object, delta: {content}}`). */
  messageDelta(chunk: { delta: object }): unknown
}

/** What a run driver needs from the engine around it. */
export interface EngineHost {
  /** Clock in ms. */
  now(): number
  /** Pause per delta in ms. */
  delayMs: number
  /** The wire shapes of the face this engine serves. */
  shapes: WireShapes
  /** Stores a generated file (image output, exported CSV), owned by `owner`, and returns its metadata. */
  addFile(input: NewFile, owner?: ThreadRecord): WireFile
}

/** A file the engine generated, before it is stored. */
export interface NewFile {
  id: string
  filename: string
  purpose: WireFile['purpose']
  body: Uint8Array
  contentType: string
}

/** How a piece of text is annotated: a file citation, a sandbox file path, or a web page (url_citation). */
export type AnnotationPlan =
  | { type: 'file_citation'; fileId: string }
  | { type: 'file_path'; fileId: string }
  | { type: 'url_citation'; url: string; title: string }

/** One streamed text fragment; an annotated fragment is its own delta, as in the recordings. */
export interface TextPiece {
  value: string
  annotation?: AnnotationPlan
}

/** One content part of a reply message. */
export type ReplyPart = { type: 'text'; pieces: TextPiece[] } | { type: 'image_file'; fileId: string }

/** Options for `writeMessage`. */
export interface WriteMessageOptions {
  /** Ticks between deltas (default 1). */
  pace?: number
  /** Stop (leaving message and step in progress) after this many deltas. */
  stopAfter?: number
  /** `incomplete` ends the message with `thread.message.incomplete`. */
  ending?: 'completed' | 'incomplete'
  /** The message's `incomplete_details.reason` when it ends incomplete (default `max_tokens`). */
  incompleteReason?: string
}

/** A scenario: a script run by the driver after the run is in progress. */
export type Script = (driver: RunDriver) => Promise<void>

/** Thrown inside a script when the run was cancelled or expired under it. */
export class Interrupted extends Error {
  constructor() {
    super('run interrupted')
  }
}
