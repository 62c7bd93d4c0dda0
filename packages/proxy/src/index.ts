export { type LimitedBody, readBodyWithLimit } from './body.js'
export { jsonDepthExceeds, MAX_JSON_DEPTH } from './depth.js'
export { errorResponse, type OpenAIErrorBody, type ProxyErrorType } from './errors.js'
export type {
  AuthorizeContext,
  ProxyRequestInfo,
  ProxyResponseInfo,
  RunlineProxyHandler,
  RunlineProxyOptions,
  UpstreamOptions,
} from './options.js'
export { checkBody, type PolicyViolation, RUN_OVERRIDE_FIELDS, type RunOverrideField } from './policy.js'
export { createRunlineProxy } from './proxy.js'
export {
  findPathTrick,
  type MatchedRoute,
  matchRoute,
  type ProxyOperation,
  type RefusedRoute,
  type RouteIds,
} from './routes.js'
export { maskSecrets, SECRET_MASK } from './scrub.js'
