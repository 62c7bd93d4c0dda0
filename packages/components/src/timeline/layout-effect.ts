'use client'

import { useLayoutEffect as useBrowserLayoutEffect, useEffect } from 'react'

/** `useLayoutEffect` in the browser; server rendering has no layout, so `useEffect` there (React warns otherwise). */
export const useLayoutEffect = typeof document === 'undefined' ? useEffect : useBrowserLayoutEffect
