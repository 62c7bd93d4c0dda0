'use client'
// Parts an app may never need (the Responses wire's rows, Foundry's tool cards and activities, the
// approval form) load with a dynamic import the first time one renders, so an app that never shows
// one never downloads it. Once loaded, a part renders synchronously, like any other component.

import {
  type ComponentProps,
  type ComponentType,
  createElement,
  forwardRef,
  type ReactNode,
  type Ref,
  Suspense,
} from 'react'

type AnyComponent = ComponentType<any>

/** A component whose code loads on first render (typed as the component it wraps). */
export type LazyPart<C extends AnyComponent> = C & {
  /** Loads the part's code now; resolves once a render of it no longer waits. */
  preload(): Promise<void>
}

/** One part's code: there, on its way, or failed to load. */
interface PartCode {
  component: AnyComponent | null
  failure: { error: unknown } | null
  preload(): Promise<void>
}

/** Renders the part once its code is there; until then suspends (React 18 and 19 take a thrown promise). */
function LoadedPart({ code, props, partRef }: { code: PartCode; props: object; partRef: Ref<unknown> }) {
  if (code.component) return createElement(code.component, partRef ? { ...props, ref: partRef } : props)
  if (code.failure) throw code.failure.error
  // Rendered again once the load settled: with the component, or with the error to throw.
  throw code.preload().catch((error: unknown) => {
    code.failure = { error }
  })
}

/**
 * Wraps the component a dynamic import resolves to. The first render suspends inside the part's own
 * Suspense boundary and shows `fallback` (default nothing; a function draws it from the part's props)
 * there only, so the rows around it keep their content; every later render is synchronous. On the server, `renderToString` shows the
 * fallback and a streaming render waits for the code. A failed load (a chunk the network lost) is
 * thrown to the nearest error boundary, a timeline row's (that row says so), as `React.lazy` does;
 * `preload()` tries again. Call it at module scope, once per part.
 */
export function lazyPart<C extends AnyComponent>(
  load: () => Promise<C>,
  fallback: ReactNode | ((props: ComponentProps<C>) => ReactNode) = null,
): LazyPart<C> {
  let loading: Promise<void> | null = null
  const code: PartCode = {
    component: null,
    failure: null,
    preload() {
      code.failure = null
      loading ??= load().then(
        (component) => {
          code.component = component
        },
        (error: unknown) => {
          loading = null // preload() tries again
          throw error
        },
      )
      return loading
    },
  }
  // biome-ignore lint/correctness/noComponentHookFactories: made once per part, at module scope
  const Part = forwardRef<unknown, object>(function LazyPart(props, ref) {
    // Once loaded, nothing suspends: no fallback to make (a streamed block renders once per delta).
    const shown = code.component
      ? null
      : typeof fallback === 'function'
        ? fallback(props as ComponentProps<C>)
        : fallback
    return (
      <Suspense fallback={shown}>
        <LoadedPart code={code} props={props} partRef={ref} />
      </Suspense>
    )
  })
  return Object.assign(Part, { preload: code.preload }) as unknown as LazyPart<C>
}
