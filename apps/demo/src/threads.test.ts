import { describe, expect, it } from 'vitest'
import { createThreadListStore, parseSavedThreads, titleFrom, UNTITLED } from './threads.js'

describe('thread list', () => {
  it('persists threads and the active one across stores on the same storage', () => {
    localStorage.clear()
    const store = createThreadListStore(localStorage, 'sim-assistants')
    store.add('thread_a', 1)
    store.add('thread_b', 2)
    expect(store.getSnapshot().activeId).toBe('thread_b')
    store.setActive('thread_a')

    const reopened = createThreadListStore(localStorage, 'sim-assistants').getSnapshot()
    expect(reopened.threads.map((t) => t.id)).toEqual(['thread_b', 'thread_a'])
    expect(reopened.activeId).toBe('thread_a')
  })

  it('keeps one list per backend on the same storage', () => {
    localStorage.clear()
    const assistants = createThreadListStore(localStorage, 'sim-assistants')
    const responses = createThreadListStore(localStorage, 'sim-responses')
    assistants.add('thread_a', 1)
    responses.add('conv_b', 2)
    expect(createThreadListStore(localStorage, 'sim-assistants').getSnapshot()).toMatchObject({
      threads: [{ id: 'thread_a' }],
      activeId: 'thread_a',
    })
    expect(createThreadListStore(localStorage, 'sim-responses').getSnapshot()).toMatchObject({
      threads: [{ id: 'conv_b' }],
      activeId: 'conv_b',
    })
    expect(createThreadListStore(localStorage, 'sim-foundry').getSnapshot().threads).toEqual([])
  })

  it('names a thread after its first message only and moves it to the top', () => {
    localStorage.clear()
    const store = createThreadListStore(localStorage, 'sim-assistants')
    store.add('thread_a', 1)
    store.add('thread_b', 2)
    store.noteMessage('thread_a', '  What is the\nweather in Paris?', 3)
    store.noteMessage('thread_a', 'And in Tokyo?', 4)
    const [first] = store.getSnapshot().threads
    expect(first).toEqual({ id: 'thread_a', title: 'What is the', createdAt: 1, updatedAt: 4 })
  })

  it('notifies subscribers and falls back to the first thread when the active one is removed', () => {
    const store = createThreadListStore(null, 'sim-assistants')
    let calls = 0
    const stop = store.subscribe(() => calls++)
    store.add('thread_a')
    store.add('thread_b')
    store.remove('thread_b')
    stop()
    store.add('thread_c')
    expect(calls).toBe(3)
    expect(store.getSnapshot().activeId).toBe('thread_c')
  })

  it('drops malformed stored entries', () => {
    const raw = JSON.stringify([
      { id: 'thread_ok', title: 'Hi', createdAt: 5 },
      { id: 'thread_ok', title: 'duplicate' },
      { id: '../../etc', title: 'bad id' },
      'nonsense',
      { id: 'thread_untitled', title: '   ' },
    ])
    expect(parseSavedThreads(raw)).toEqual([
      { id: 'thread_ok', title: 'Hi', createdAt: 5, updatedAt: 5 },
      { id: 'thread_untitled', title: UNTITLED, createdAt: 0, updatedAt: 0 },
    ])
    expect(parseSavedThreads('{not json')).toEqual([])
    expect(parseSavedThreads(null)).toEqual([])
  })

  it('shortens long titles', () => {
    const title = titleFrom('word '.repeat(40))
    expect(title.length).toBeLessThanOrEqual(60)
    expect(title.endsWith('…')).toBe(true)
    expect(titleFrom('   ')).toBe(UNTITLED)
  })
})
