'use client'

import type { TimelineItem } from '@runline/core'
import { Component, type ReactNode } from 'react'

interface RowBoundaryProps {
  item: TimelineItem
  children: ReactNode
}

interface RowBoundaryState {
  error: Error | null
  /** The item the error belongs to: a newer version of the row tries again. */
  item: TimelineItem
}

/**
 * Keeps one row that cannot render (an object of a shape no server should send, or a custom
 * `renderItem` that throws) from taking the whole transcript down: that row says what failed, the
 * others stream on. The row's next version (its next delta) renders afresh. React reports the error
 * as it does every error a boundary catches.
 */
export class RowBoundary extends Component<RowBoundaryProps, RowBoundaryState> {
  override state: RowBoundaryState = { error: null, item: this.props.item }

  static getDerivedStateFromError(error: unknown): Partial<RowBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(
    props: RowBoundaryProps,
    state: RowBoundaryState,
  ): Partial<RowBoundaryState> | null {
    return props.item === state.item ? null : { error: null, item: props.item }
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <article className="rl-step" data-state="error" data-kind="unrenderable" aria-label="Step">
        <p className="rl-step__error">This step could not be shown: {error.message}</p>
      </article>
    )
  }
}
