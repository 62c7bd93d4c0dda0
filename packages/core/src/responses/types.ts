// The Responses wire's shapes in run state. The API's own types come from the `openai` package.
import type {
  Response,
  ResponseError,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses'
import type { TextBuilder } from '../text-builder.js'

export type { Response, ResponseError, ResponseOutputItem, ResponseStreamEvent, ResponseUsage }

/** A partial image of an `image_generation_call` (`response.image_generation_call.partial_image`). */
export interface ResponsePartialImage {
  /** The `output_index` of the image generation call it belongs to. */
  output_index: number
  item_id: string
  partial_image_index: number
  /** Base64-encoded image data. */
  partial_image_b64: string
}

/**
 * One response of a turn as the reducer holds it: the last lifecycle event's `response`, and the
 * output items streamed since, placed by `output_index` (never by item id). `selectResponses` joins
 * them into the `Response` openai-node's `accumulateResponse` gives.
 */
export interface ResponseState {
  /** The `response` of the last lifecycle event (`response.created`, `.in_progress`, `.completed`, ...). */
  readonly response: Response
  /** Output items by `output_index`; a slot no event filled is `undefined`. */
  readonly output: readonly (ResponseOutputItem | undefined)[]
  /**
   * The `output_text` a lifecycle event's `response` carried itself, kept until an event changes the
   * text; `null`: derived from the output (the concatenated `output_text` parts of message items).
   */
  readonly outputText: string | null
  /** The last `sequence_number` folded into this response (-1 before any). */
  readonly sequence: number
  /** The latest partial image of each image generation call, by `output_index` (not part of `Response`). */
  readonly partialImages: Readonly<Record<number, ResponsePartialImage>>
  /** The stream's `error` events during this response, as sent (not part of `Response`). */
  readonly errors: readonly unknown[]
  /**
   * How the pure `reduceRun` built the text it appended to last (see `TextBuilder`): bookkeeping
   * invisible to equality and JSON, absent on a state built elsewhere (then a new one starts).
   */
  readonly textBuilder?: TextBuilder
  /**
   * The input items the client sent with this response, where the state knows them (a past turn
   * read from its conversation, `runline.items`): function outputs and approval decisions that
   * answer the calls of the response before it. Absent on a streamed response (not part of `Response`).
   */
  readonly input?: readonly Readonly<Record<string, unknown>>[]
}

/** `{ event, data }` for one event type `E` of the `openai` package (distributes over a union). */
type AsRunStreamEvent<E> = E extends { type: infer T } ? { event: T; data: E } : never

/**
 * A Responses stream event as `parseRunStream` yields it: the name is the event's `type`, `data` the
 * event as sent. One member per type of the `openai` package's `ResponseStreamEvent`, so checking
 * `event` narrows `data` (`'response.output_text.delta'` gives a `ResponseTextDeltaEvent`). Part of
 * `RunStreamEvent`; its `error` member shares the name with the Assistants `error` event.
 */
export type ResponsesStreamEvent = AsRunStreamEvent<ResponseStreamEvent>
