export { createServerApp, PROXY_BASE_PATH, type RunningServer, type ServerApp, startServer } from './app.js'
export {
  AZURE_RETIRED_NOTICE,
  ConfigError,
  DEFAULT_SIM_ASSISTANT_ID,
  describeUpstream,
  loadServerConfig,
  loadServerConfigOrExit,
  type ServerConfig,
  type SimulatorWire,
  type UpstreamConfig,
} from './config.js'
export type { FoundryAuthConfig, FoundryUpstreamConfig } from './foundry-config.js'
export {
  RUNLINE_CONFIG_PATH,
  type RunlineConfigInfo,
  SIMULATOR_BASE_PATH,
  SIMULATOR_FOUNDRY_BASE_PATH,
} from './upstream.js'
