/** The colour theme: follow the system, or force light or dark through `data-theme` on <html>. */
export type ThemePreference = 'system' | 'light' | 'dark'

const KEY = 'runline-demo:theme'
const ORDER: readonly ThemePreference[] = ['system', 'light', 'dark']

/** The stored preference ('system' when nothing valid is stored or storage is unavailable). */
export function readTheme(storage: Pick<Storage, 'getItem'> | null): ThemePreference {
  try {
    const value = storage?.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/** The preference after `current` when cycling system → light → dark → system. */
export function nextTheme(current: ThemePreference): ThemePreference {
  return ORDER[(ORDER.indexOf(current) + 1) % ORDER.length]!
}

/** Applies and stores a preference. The components' CSS reads `data-theme`; no attribute = system. */
export function applyTheme(preference: ThemePreference, root: HTMLElement, storage: Storage | null): void {
  if (preference === 'system') delete root.dataset.theme
  else root.dataset.theme = preference
  try {
    if (preference === 'system') storage?.removeItem(KEY)
    else storage?.setItem(KEY, preference)
  } catch {}
}
