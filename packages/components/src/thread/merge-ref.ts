import { type ForwardedRef, type RefObject, useCallback } from 'react'

/** One ref callback that sets a part's own ref and the ref its user forwarded. */
export function useMergedRef<T>(
  forwarded: ForwardedRef<T>,
  own: RefObject<T | null>,
): (element: T | null) => void {
  return useCallback(
    (element: T | null) => {
      ;(own as { current: T | null }).current = element
      if (typeof forwarded === 'function') forwarded(element)
      else if (forwarded) forwarded.current = element
    },
    [forwarded, own],
  )
}
