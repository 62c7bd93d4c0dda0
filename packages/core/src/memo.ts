/**
 * Memoizes a derivation on the identity of its inputs. A WeakMap keyed on the first input keeps one
 * cached result per state-ish object without holding it alive.
 */
export function memoOn<K extends object, R>(derive: (key: K) => R): (key: K) => R {
  const cache = new WeakMap<K, R>()
  return (key) => {
    if (cache.has(key)) return cache.get(key) as R
    const value = derive(key)
    cache.set(key, value)
    return value
  }
}
