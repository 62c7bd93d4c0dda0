export { createServerApp, PROXY_BASE_PATH, type RunningServer, type ServerApp, startServer } from './app.js'
export {
  BACKENDS_BASE_PATH,
  type BackendId,
  type BackendInfo,
  type BackendMount,
  backendApiBase,
  RUNLINE_CONFIG_PATH,
  type RunlineConfigInfo,
} from './backends.js'
export {
  AZURE_RETIRED_NOTICE,
  ConfigError,
  DEFAULT_SIM_ASSISTANT_ID,
  describeUpstream,
  loadServerConfig,
  loadServerConfigOrExit,
  type ServerConfig,
  type SimulatorSettings,
  type SimulatorWire,
  type UpstreamConfig,
} from './config.js'
export type { FoundryAuthConfig, FoundryUpstreamConfig } from './foundry-config.js'
export { SIMULATOR_BASE_PATH, SIMULATOR_FOUNDRY_BASE_PATH } from './upstream.js'
