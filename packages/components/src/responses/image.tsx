'use client'
// An `image_generation_call` item: the image, and while it is generated, the latest partial image
// (`response.image_generation_call.partial_image`), which the reducer keeps outside the `Response`.
import type { RunState } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import { type ReactNode, useCallback } from 'react'
import type { ToolCardInfo } from '../context.js'
import { CardHead, Facts } from '../foundry/card-parts.js'
import { CodeIcon } from '../icons.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'
import { partStatus } from './part-status.js'

type Json = Readonly<Record<string, unknown>>

const FORMATS = new Set(['png', 'jpeg', 'webp', 'gif'])

/**
 * An image address an `img` may load from an item's `url`: http(s), or a base64 data URL of a raster
 * image (the simulator's and some servers' code interpreter charts). Anything else (another data
 * type, `javascript:`, a relative path) is null.
 */
export function imageSrc(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const trimmed = url.trim()
  if (/^https?:\/\//i.test(trimmed)) return trimmed
  return /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/i.test(trimmed) ? trimmed : null
}

/**
 * A data URL for base64 image data (never a URL the server chose: the scheme is ours, and an `img`
 * cannot run what a data URL holds). Not validated further: recordings abbreviate the data, and a
 * broken image still says an image was made.
 */
function dataUrl(b64: unknown, format: unknown): string | null {
  if (typeof b64 !== 'string' || b64 === '') return null
  const type = typeof format === 'string' && FORMATS.has(format) ? format : 'png'
  return `data:image/${type};base64,${b64}`
}

// Rows are `response-<r>-item-<i>` (core's `selectResponsesTimeline`): the place of the item, which
// is where the reducer files its partial images.
const ROW_ID = /^response-(\d+)-item-(\d+)$/

/**
 * An `image_generation_call` item: the final image (`result`) once there is one, else the latest
 * partial image as it arrives, with the revised prompt as its caption. `rowId` is the timeline row's id.
 */
export function ResponsesImage({ item, rowId }: { item: Json; rowId: string }): ReactNode {
  const place = ROW_ID.exec(rowId)
  const r = place ? Number(place[1]) : -1
  const i = place ? Number(place[2]) : -1
  const partial = useRunSelector(
    useTimelineSourceOrEmpty(),
    useCallback((state: RunState) => state.responses?.[r]?.partialImages[i] ?? null, [r, i]),
  )
  const info: ToolCardInfo = { stepStatus: partStatus(item) }
  const final = dataUrl(item.result, item.output_format)
  const src = final ?? dataUrl(partial?.partial_image_b64, item.output_format)
  const prompt = typeof item.revised_prompt === 'string' ? item.revised_prompt : null
  const facts = (['size', 'quality', 'background'] as const).flatMap((key) =>
    typeof item[key] === 'string' ? [[key, item[key] as string] as const] : [],
  )
  return (
    <div className="rl-tool rl-tool--card" data-type="image_generation_call" data-state={info.stepStatus}>
      <CardHead icon={<CodeIcon />} title="Image generation" info={info} />
      {src ? (
        <figure className="rl-tool__image" data-partial={final ? undefined : ''}>
          <img src={src} alt={final ? 'Generated image' : 'Partial image'} />
          {prompt && <figcaption className="rl-muted">{prompt}</figcaption>}
          {!final && partial && (
            <figcaption className="rl-muted">Partial image {partial.partial_image_index + 1}</figcaption>
          )}
        </figure>
      ) : (
        info.stepStatus === 'in_progress' && <p className="rl-muted">Generating…</p>
      )}
      <Facts entries={facts} />
    </div>
  )
}
