/**
 * The engine: one simulator's state (assistants, files, threads), clock, ids and scripted runs,
 * independent of any wire. A face (the OpenAI Assistants face, the Foundry face) routes requests to
 * it, validates them and prints what it returns in its own wire shapes.
 */
import type { MessageContent } from 'openai/resources/beta/threads/messages'
import { ApiError, notFound } from '../http.js'
import { randomFileId, randomId } from '../ids.js'
import { buildInputMessage, buildRun, buildThread, type RunSettings } from '../objects.js'
import { createRandom, hashSeed, type Random } from '../prng.js'
import { type AnyScenarioName, scenarioNeeds } from '../scenarios.js'
import { EXPIRE_AFTER_SECONDS, type SearchDocument, scriptFor } from '../scripts/index.js'
import { DEFAULT_MAX_THREADS, ThreadStore } from '../threads.js'
import {
  isTerminalRunStatus,
  type WireAssistant,
  type WireFile,
  type WireMessage,
  type WireRun,
  type WireTool,
  type WireToolResources,
} from '../wire.js'
import { RunDriver } from './driver.js'
import type {
  EngineHost,
  McpApprovalPolicy,
  NewFile,
  RunRecord,
  ThreadRecord,
  WireShapes,
} from './records.js'

/** How long a run lives before it expires (seconds), as on the real API. */
const RUN_LIFETIME_SECONDS = 600

const DOCUMENTS: ReadonlyArray<Omit<SearchDocument, 'fileId'>> = [
  {
    filename: 'runline-guide.md',
    text: '# Runline guide\n\nRunline renders an Assistants run as a timeline. Each run step (message creation, function, code_interpreter or file_search call) appears as soon as its first event arrives, and text streams in delta by delta.\n',
  },
  {
    filename: 'streaming-faq.md',
    text: '# Streaming FAQ\n\nWhen the assistant calls a function, the run stops in requires_action. Submit every pending tool output in one submit_tool_outputs request; the run then continues on a new stream.\n',
  },
]

/** What a face tells its engine: its shapes, its scenarios and the assistants it starts with. */
export interface EngineProfile {
  /** Mixed into the seed, so each face's ids differ; `null` keeps the seed's own ids. */
  seedLabel: string | null
  shapes: WireShapes
  /** The scenario the words of the last user message pick on this face. */
  scenarioFor(text: string): AnyScenarioName
  /** The assistants (agents) every simulator starts with. */
  seedAssistants(context: { createdAt: number; vectorStoreId: string }): WireAssistant[]
}

/** Options of an engine (see `SimulatorOptions`). */
export interface EngineOptions {
  delayMs?: number
  seed?: number
  now?: () => number
  maxThreads?: number
}

/** A message to append, already validated by a face. */
export interface MessageInput {
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: WireMessage['attachments']
  metadata: Record<string, string>
}

interface FileRecord {
  meta: WireFile
  body: Uint8Array
  contentType: string
}

function textOf(message: WireMessage): string {
  return message.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('\n')
}

/** One simulator's state and runs. */
export class Engine implements EngineHost {
  readonly delayMs: number
  readonly shapes: WireShapes
  private readonly seed: number
  private readonly clock: () => number
  /** Ids of objects created directly by requests (threads, user messages, assistants). */
  private readonly ids: Random
  private readonly assistants: WireAssistant[]
  private readonly files = new Map<string, FileRecord>()
  private readonly threads: ThreadStore
  private readonly documents: SearchDocument[]
  private runCount = 0
  private threadCount = 0

  constructor(
    options: EngineOptions,
    private readonly profile: EngineProfile,
  ) {
    this.delayMs = Math.max(0, options.delayMs ?? 20)
    this.seed = options.seed ?? 1
    this.clock = options.now ?? Date.now
    this.shapes = profile.shapes
    this.threads = new ThreadStore(options.maxThreads ?? DEFAULT_MAX_THREADS, (id) => this.files.delete(id))
    this.ids = createRandom(
      profile.seedLabel === null ? hashSeed(this.seed, 'ids') : hashSeed(this.seed, profile.seedLabel, 'ids'),
    )
    const vectorStoreId = randomId(this.ids, 'vs_')
    this.documents = DOCUMENTS.map((document) => {
      const file = this.addFile({
        id: randomFileId(this.ids),
        filename: document.filename,
        purpose: 'assistants',
        body: new TextEncoder().encode(document.text),
        contentType: 'text/plain; charset=utf-8',
      })
      return { ...document, fileId: file.id }
    })
    this.assistants = profile.seedAssistants({ createdAt: this.nowSeconds(), vectorStoreId })
  }

  /** Clock in ms. */
  now(): number {
    return this.clock()
  }

  /** Clock in Unix seconds, as the wire prints it. */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000)
  }

  /** A fresh id for an object a request creates. */
  newId(prefix: string): string {
    return randomId(this.ids, prefix)
  }

  /** The seed, for faces that derive values from it (a token, request ids). */
  get seedValue(): number {
    return this.seed
  }

  // ---- assistants & files --------------------------------------------------------------------

  /** Every assistant, in creation order. */
  listAssistants(): readonly WireAssistant[] {
    return this.assistants
  }

  /** Stores an assistant made through the API. */
  addAssistant(assistant: WireAssistant): void {
    this.assistants.push(assistant)
  }

  /** The assistant, or the API's 404. */
  assistant(id: string): WireAssistant {
    const found = this.assistants.find((assistant) => assistant.id === id)
    if (!found) throw notFound('assistant', id)
    return found
  }

  addFile(input: NewFile, owner?: ThreadRecord): WireFile {
    const meta: WireFile = {
      id: input.id,
      object: 'file',
      bytes: input.body.length,
      created_at: this.nowSeconds(),
      filename: input.filename,
      purpose: input.purpose,
      status: 'processed',
    }
    this.files.set(input.id, { meta, body: input.body, contentType: input.contentType })
    if (owner) this.threads.own(owner.thread.id, input.id)
    return meta
  }

  /** Every file's metadata, in creation order. */
  listFiles(): WireFile[] {
    return [...this.files.values()].map((record) => record.meta)
  }

  /** A file with its bytes, or the API's 404. */
  file(id: string): FileRecord {
    const found = this.files.get(id)
    if (!found) throw new ApiError(404, `No such File object: ${id}`, 'id')
    return found
  }

  // ---- threads & messages --------------------------------------------------------------------

  /** Creates a thread with these messages (the most recently used thread). */
  createThread(inputs: readonly MessageInput[], metadata: Record<string, string>): ThreadRecord {
    const thread = buildThread(this.newId('thread_'), this.nowSeconds(), metadata)
    const record: ThreadRecord = { thread, messages: [], runs: [], seq: this.threadCount++ }
    for (const input of inputs) this.appendMessage(record, input)
    this.threads.add(record)
    return record
  }

  /** Adds a message a request wrote. */
  appendMessage(thread: ThreadRecord, input: MessageInput): WireMessage {
    const message = buildInputMessage({
      id: this.newId('msg_'),
      threadId: thread.thread.id,
      createdAt: this.nowSeconds(),
      ...input,
    })
    thread.messages.push(message)
    return message
  }

  /** The thread (now the most recently used), its runs' deadlines checked; or the API's 404. */
  thread(id: string): ThreadRecord {
    const found = this.threads.get(id)
    if (!found) throw notFound('thread', id)
    for (const record of found.runs) record.driver.expireIfDue()
    return found
  }

  /** Every thread kept, in creation order (a list does not count as a use). */
  listThreads(): ThreadRecord[] {
    return this.threads.all().sort((a, b) => a.seq - b.seq)
  }

  /** Forgets a thread with everything it owns; false if it was not there. */
  deleteThread(id: string): boolean {
    return this.threads.remove(id)
  }

  /** The end of a stream is a use of its thread: it must not be the next to be forgotten. */
  touch(record: ThreadRecord): void {
    this.threads.get(record.thread.id)
  }

  /** A message of a thread, or the API's 404. */
  message(threadId: string, messageId: string): WireMessage {
    const found = this.thread(threadId).messages.find((message) => message.id === messageId)
    if (!found) throw notFound('message', messageId)
    return found
  }

  // ---- runs ----------------------------------------------------------------------------------

  /** A run of a thread, or the API's 404. */
  runRecord(threadId: string, runId: string): RunRecord {
    const found = this.thread(threadId).runs.find((record) => record.run.id === runId)
    if (!found) throw notFound('run', runId)
    return found
  }

  /** The thread's run that is not over yet, if any. */
  activeRun(thread: ThreadRecord): WireRun | undefined {
    return thread.runs.map((record) => record.run).find((run) => !isTerminalRunStatus(run.status))
  }

  /** The scenario of the thread's last user message, falling back to text when the run lacks the tool. */
  private scenarioOf(thread: ThreadRecord, tools: WireTool[]) {
    const lastUser = [...thread.messages].reverse().find((message) => message.role === 'user')
    const userText = lastUser ? textOf(lastUser) : ''
    const scenario = this.profile.scenarioFor(userText)
    const needs = scenarioNeeds(scenario)
    const available = needs === undefined || tools.some(needs)
    return { scenario: available ? scenario : 'default', userText }
  }

  /**
   * Creates a queued run on the thread; `driver.start()` sets it going. Streams attach in between,
   * so they see the run from its first event.
   */
  createRun(
    thread: ThreadRecord,
    assistant: WireAssistant,
    settings: RunSettings,
    extras: {
      include: boolean
      toolResources?: WireToolResources
      mcpApproval?: ReadonlyMap<string, McpApprovalPolicy>
    },
  ): RunRecord {
    const { scenario, userText } = this.scenarioOf(thread, settings.tools)
    if (!userText && !settings.instructions) {
      throw new ApiError(
        400,
        'Run creation requires a Thread with a user message or an assistant with instructions.',
        null,
        'invalid_thread',
      )
    }
    this.runCount++
    const random = createRandom(hashSeed(this.seed, 'run', this.runCount))
    const createdAt = this.nowSeconds()
    const run = buildRun({
      id: randomId(random, 'run_'),
      threadId: thread.thread.id,
      assistantId: assistant.id,
      createdAt,
      expiresAt: createdAt + (scenario === 'expire' ? EXPIRE_AFTER_SECONDS : RUN_LIFETIME_SECONDS),
      settings,
      toolResources: extras.toolResources ?? { code_interpreter: { file_ids: [] } },
    })
    const record = {
      run,
      steps: [],
      includeFileSearchContent: extras.include,
      mcpApproval: extras.mcpApproval ?? new Map(),
    } as unknown as RunRecord
    const script = scriptFor(scenario, { documents: this.documents })
    record.driver = new RunDriver(this, thread, record, random, userText, script)
    thread.runs.push(record)
    return record
  }
}
