import type { StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { type LoadedReplay, loadReplay, type ReplayPosition, type ReplaySource } from './catalog.js'
import { RunReplay, type RunReplayProps } from './RunReplay.js'

/** Options of {@link replayStory}. */
export interface ReplayStoryOptions extends Omit<RunReplayProps, 'replay' | 'at'> {
  /** Where the replay starts. Default `'end'`. */
  at?: ReplayPosition
  /** The status the run must show there (e.g. "Completed"): checked by the story's test. */
  status?: string
  play?: StoryObj['play']
}

/**
 * A story that loads a source (recordings or a simulator scenario, in a Storybook loader), folds it
 * through the core reducer and renders it with the replay control. With `status`, its play function
 * checks the status the components show at `at`; any other `play` runs after that check.
 */
export function replayStory(source: ReplaySource, options: ReplayStoryOptions = {}): StoryObj {
  const { at = 'end', status, play, ...view } = options
  return {
    loaders: [async () => ({ replay: await loadReplay(source) })],
    render: (_args, { loaded }) => <RunReplay replay={loaded.replay as LoadedReplay} at={at} {...view} />,
    play: async (context) => {
      if (status) await expectRunStatus(context.canvasElement, status)
      await play?.(context)
    },
  }
}

/** Waits until the run's status badge (`role="status"` with `data-status`) reads `words`. */
export async function expectRunStatus(
  canvasElement: HTMLElement,
  words: string,
  timeout = 4000,
): Promise<void> {
  await waitFor(
    () => {
      const badges = within(canvasElement)
        .getAllByRole('status')
        .filter((element) => element.hasAttribute('data-status'))
      expect(badges.map((badge) => badge.textContent?.trim())).toContain(words)
    },
    { timeout },
  )
}
