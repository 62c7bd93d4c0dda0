'use client'
// An output item the kit has no view for (`shell_call`, `apply_patch_call`, a newer server's type):
// its type, its short values, and the item as sent. Never dropped.
import type { ReactNode } from 'react'
import { Facts, RawJson } from '../foundry/card-parts.js'
import { CodeIcon } from '../icons.js'
import { responseItemType } from './kind.js'

type Json = Readonly<Record<string, unknown>>

// Ids and opaque tokens say nothing to a reader; the raw JSON still has them.
const HIDDEN = new Set(['type', 'id', 'encrypted_content', 'fingerprint'])

/** Any other output item: its type name, its short top-level values as facts, and the raw JSON. */
export function ResponsesGenericItem({ item }: { item: Json }): ReactNode {
  const type = responseItemType(item)
  const facts = Object.entries(item).flatMap(([key, value]) =>
    !HIDDEN.has(key) &&
    ((typeof value === 'string' && value !== '' && value.length <= 120) || typeof value === 'number')
      ? [[key, String(value)] as const]
      : [],
  )
  return (
    <div className="rl-tool rl-tool--card" data-type={type}>
      <div className="rl-tool__head">
        <span className="rl-tool__icon">
          <CodeIcon />
        </span>
        <span className="rl-tool__title">Item</span>
        <code className="rl-tool__name">{type}</code>
      </div>
      <Facts entries={facts} />
      <RawJson value={item} />
    </div>
  )
}
