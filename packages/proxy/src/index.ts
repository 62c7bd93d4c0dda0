export { checkToolApprovals, type ToolApproval } from './approvals.js'
export { DEFAULT_FOUNDRY_API_VERSION } from './auth.js'
export { type LimitedBody, readBodyWithLimit } from './body.js'
export { jsonDepthExceeds, MAX_JSON_DEPTH } from './depth.js'
export { errorResponse, type OpenAIErrorBody, type ProxyErrorType } from './errors.js'
export type {
  AuthorizeContext,
  ProxyRequestInfo,
  ProxyResponseInfo,
  RunlineProxyHandler,
  RunlineProxyOptions,
  UpstreamFlavor,
  UpstreamOptions,
} from './options.js'
export { checkBody, type PolicyViolation, RUN_OVERRIDE_FIELDS, type RunOverrideField } from './policy.js'
export { createRunlineProxy } from './proxy.js'
export { checkInputItems, type InputImagePolicy, type InputReferences } from './responses-input.js'
export {
  checkResponsesBody,
  RESPONSE_OVERRIDE_FIELDS,
  type ResponseAgentProfile,
  type ResponseOverrideField,
  type ResponsesBodyIds,
  type ResponsesBodyResult,
  type ResponsesPolicy,
  validateAgentProfiles,
} from './responses-policy.js'
export {
  findPathTrick,
  type MatchedRoute,
  matchRoute,
  type ProxyOperation,
  type RefusedRoute,
  type RouteIds,
  type RouteOptions,
} from './routes.js'
export { maskSecrets, SECRET_MASK } from './scrub.js'
export { type AccessTokenLike, FOUNDRY_TOKEN_SCOPE, type TokenCredentialLike } from './token.js'
