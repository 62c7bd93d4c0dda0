export {
  createServerApp,
  PROXY_BASE_PATH,
  type RunningServer,
  type ServerApp,
  SIMULATOR_BASE_PATH,
  startServer,
} from './app.js'
export {
  ConfigError,
  DEFAULT_SIM_ASSISTANT_ID,
  loadServerConfig,
  loadServerConfigOrExit,
  type ServerConfig,
  type UpstreamConfig,
} from './config.js'
