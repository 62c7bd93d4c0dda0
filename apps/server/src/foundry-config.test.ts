// RUNLINE_UPSTREAM_FLAVOR=foundry and RUNLINE_SIM_WIRE: every accepted combination, every refusal.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  AZURE_RETIRED_NOTICE,
  ConfigError,
  describeUpstream,
  loadServerConfig,
  loadServerConfigOrExit,
} from './index.js'

const PROJECT = 'https://res.services.ai.azure.com/api/projects/proj'
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
const CLIENT = '11111111-2222-3333-4444-555555555555'
const SECRET = 'client-secret-value-0123456789'
const TOKEN = 'static-bearer-token-0123456789'
const foundry = {
  RUNLINE_UPSTREAM_URL: PROJECT,
  RUNLINE_UPSTREAM_FLAVOR: 'foundry',
  RUNLINE_ASSISTANT_IDS: 'asst_a',
}
const clientCredentials = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: SECRET }

/** A JWT-shaped token (unsigned) with the given `exp`, in seconds. */
const jwt = (exp: number) => {
  const [header, payload] = ['{"alg":"none"}', JSON.stringify({ exp })].map((part) =>
    Buffer.from(part).toString('base64url'),
  )
  return `${header}.${payload}.c2ln`
}

describe('foundry upstream: accepted configurations', () => {
  it('a static bearer token wins over the AZURE_* variables (with a notice)', () => {
    const config = loadServerConfig({
      ...foundry,
      ...clientCredentials,
      RUNLINE_UPSTREAM_BEARER_TOKEN: TOKEN,
    })
    expect(config.upstream).toEqual({
      kind: 'remote',
      flavor: 'foundry',
      url: PROJECT,
      apiVersion: 'v1',
      auth: { kind: 'bearer-token', token: TOKEN, expiresAt: null },
    })
    expect(config.notices.join('\n')).toMatch(/AZURE_\* variables are not used/)
    expect(config.threadList).toBe(false)
  })

  it('reads the expiry of a JWT bearer token, and refuses one that has expired', () => {
    const exp = Math.floor(Date.now() / 1000) + 3600
    const config = loadServerConfig({ ...foundry, RUNLINE_UPSTREAM_BEARER_TOKEN: jwt(exp) })
    expect(config.upstream).toMatchObject({ auth: { kind: 'bearer-token', expiresAt: exp * 1000 } })
    expect(() => loadServerConfig({ ...foundry, RUNLINE_UPSTREAM_BEARER_TOKEN: jwt(1_000) })).toThrow(
      /RUNLINE_UPSTREAM_BEARER_TOKEN expired at 1970/,
    )
  })

  it('client credentials, at Microsoft by default or at AZURE_AUTHORITY_HOST; api-version and thread list', () => {
    const config = loadServerConfig({
      ...foundry,
      ...clientCredentials,
      RUNLINE_UPSTREAM_URL: `${PROJECT}/`,
      RUNLINE_FOUNDRY_API_VERSION: '2025-05-15-preview',
      RUNLINE_THREAD_LIST: 'on',
    })
    expect(config.upstream).toEqual({
      kind: 'remote',
      flavor: 'foundry',
      url: PROJECT,
      apiVersion: '2025-05-15-preview',
      auth: {
        kind: 'client-secret',
        tenantId: TENANT,
        clientId: CLIENT,
        clientSecret: SECRET,
        authorityHost: 'https://login.microsoftonline.com',
      },
    })
    expect(config.threadList).toBe(true)
    const sovereign = loadServerConfig({
      ...foundry,
      ...clientCredentials,
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
    })
    expect(sovereign.upstream).toMatchObject({ auth: { authorityHost: 'https://login.microsoftonline.us' } })
    expect(describeUpstream(sovereign.upstream)).toBe(
      `${PROJECT} (foundry, api-version v1, client credentials via https://login.microsoftonline.us)`,
    )
  })

  it('managed identity when no credentials are set; AZURE_CLIENT_ID alone names a user-assigned one', () => {
    const system = loadServerConfig(foundry)
    expect(system.upstream).toMatchObject({ auth: { kind: 'managed-identity' } })
    expect(system.notices.join('\n')).toMatch(/managed identity of this host/)
    const user = loadServerConfig({ ...foundry, AZURE_CLIENT_ID: CLIENT })
    expect(user.upstream).toMatchObject({ auth: { kind: 'managed-identity', clientId: CLIENT } })
  })

  it('a loopback project endpoint may be plain http (tests, a local gateway)', () => {
    const config = loadServerConfig({ ...foundry, RUNLINE_UPSTREAM_URL: 'http://127.0.0.1:9/api/projects/p' })
    expect(config.upstream).toMatchObject({ url: 'http://127.0.0.1:9/api/projects/p' })
  })
})

describe('RUNLINE_SIM_WIRE', () => {
  it('defaults to the Assistants face; foundry turns the thread list on', () => {
    expect(loadServerConfig({})).toMatchObject({
      upstream: { kind: 'simulator', wire: 'assistants' },
      threadList: false,
    })
    const config = loadServerConfig({ RUNLINE_SIM_WIRE: 'foundry' })
    expect(config).toMatchObject({ upstream: { kind: 'simulator', wire: 'foundry' }, threadList: true })
    expect(loadServerConfig({ RUNLINE_SIM_WIRE: 'foundry', RUNLINE_THREAD_LIST: 'off' }).threadList).toBe(
      false,
    )
    expect(describeUpstream(config.upstream)).toMatch(/^simulator, foundry face, api-version v1 /)
    const dated = loadServerConfig({ RUNLINE_SIM_WIRE: 'foundry', RUNLINE_FOUNDRY_API_VERSION: '2025-05-01' })
    expect(dated.upstream).toMatchObject({ kind: 'simulator', apiVersion: '2025-05-01' })
  })
})

describe('configuration errors name the variable and never show a secret', () => {
  const bad: Array<[string, Record<string, string>, RegExp]> = [
    [
      'foundry without a URL',
      { RUNLINE_UPSTREAM_FLAVOR: 'foundry' },
      /needs RUNLINE_UPSTREAM_URL.*RUNLINE_SIM_WIRE=foundry/,
    ],
    [
      'azure without a URL',
      { RUNLINE_UPSTREAM_FLAVOR: 'azure' },
      /RUNLINE_UPSTREAM_FLAVOR=azure needs RUNLINE_UPSTREAM_URL/,
    ],
    [
      'a bearer token without a URL',
      { RUNLINE_UPSTREAM_BEARER_TOKEN: TOKEN },
      /RUNLINE_UPSTREAM_BEARER_TOKEN is set but RUNLINE_UPSTREAM_URL is not.*its own tokens/,
    ],
    [
      'an api-version for the Assistants face',
      { RUNLINE_FOUNDRY_API_VERSION: 'v1' },
      /RUNLINE_FOUNDRY_API_VERSION needs a Foundry upstream/,
    ],
    [
      'a bad api-version for the Foundry face',
      { RUNLINE_SIM_WIRE: 'foundry', RUNLINE_FOUNDRY_API_VERSION: '1' },
      /RUNLINE_FOUNDRY_API_VERSION must be/,
    ],
    [
      'an unknown flavor',
      { ...foundry, RUNLINE_UPSTREAM_FLAVOR: 'Foundry' },
      /must be 'openai', 'foundry' or 'azure'/,
    ],
    [
      'an API key for foundry',
      { ...foundry, RUNLINE_UPSTREAM_API_KEY: SECRET },
      /RUNLINE_UPSTREAM_API_KEY is not used.*not API keys/,
    ],
    [
      'the azure api-version for foundry',
      { ...foundry, RUNLINE_AZURE_API_VERSION: '2024-05-01-preview' },
      /use RUNLINE_FOUNDRY_API_VERSION/,
    ],
    [
      'a bad api-version',
      { ...foundry, RUNLINE_FOUNDRY_API_VERSION: 'latest' },
      /RUNLINE_FOUNDRY_API_VERSION must be v1 or a dated version/,
    ],
    [
      'not a project endpoint',
      { ...foundry, RUNLINE_UPSTREAM_URL: 'https://res.services.ai.azure.com/' },
      /must be the Foundry project endpoint/,
    ],
    [
      'an Azure OpenAI URL',
      { ...foundry, RUNLINE_UPSTREAM_URL: 'https://res.openai.azure.com/openai' },
      /project endpoint/,
    ],
    [
      'plain http to a remote host',
      { ...foundry, RUNLINE_UPSTREAM_URL: 'http://res.example/api/projects/p' },
      /must be https for foundry/,
    ],
    [
      'tenant without secret',
      { ...foundry, AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT },
      /AZURE_TENANT_ID and AZURE_CLIENT_ID are set but AZURE_CLIENT_SECRET is not/,
    ],
    [
      'secret without the rest',
      { ...foundry, AZURE_CLIENT_SECRET: SECRET },
      /AZURE_CLIENT_SECRET is set but AZURE_TENANT_ID and AZURE_CLIENT_ID are not/,
    ],
    [
      'a client id that is not a GUID',
      { ...foundry, ...clientCredentials, AZURE_CLIENT_ID: 'my-app' },
      /AZURE_CLIENT_ID must be .* a GUID/,
    ],
    [
      'a tenant that is a path',
      { ...foundry, ...clientCredentials, AZURE_TENANT_ID: '../common' },
      /AZURE_TENANT_ID must be/,
    ],
    [
      'an http authority host',
      { ...foundry, ...clientCredentials, AZURE_AUTHORITY_HOST: 'http://login.example' },
      /AZURE_AUTHORITY_HOST must be an https origin/,
    ],
    [
      'an authority host with a path',
      { ...foundry, ...clientCredentials, AZURE_AUTHORITY_HOST: 'https://login.example/tenant' },
      /AZURE_AUTHORITY_HOST/,
    ],
    [
      'an authority host for managed identity',
      { ...foundry, AZURE_AUTHORITY_HOST: 'https://login.example' },
      /AZURE_AUTHORITY_HOST is set but client credentials are not/,
    ],
    [
      'a bearer token with a line break',
      { ...foundry, RUNLINE_UPSTREAM_BEARER_TOKEN: 'a\nb' },
      /visible ASCII/,
    ],
    [
      'a bearer token for openai',
      {
        RUNLINE_UPSTREAM_URL: 'https://x/v1',
        RUNLINE_ASSISTANT_IDS: 'asst_a',
        RUNLINE_UPSTREAM_BEARER_TOKEN: TOKEN,
      },
      /only applies to RUNLINE_UPSTREAM_FLAVOR=foundry/,
    ],
    [
      'a foundry api-version for azure',
      {
        RUNLINE_UPSTREAM_URL: 'https://x/openai',
        RUNLINE_ASSISTANT_IDS: 'asst_a',
        RUNLINE_UPSTREAM_FLAVOR: 'azure',
        RUNLINE_AZURE_API_VERSION: 'v',
        RUNLINE_FOUNDRY_API_VERSION: 'v1',
      },
      /RUNLINE_FOUNDRY_API_VERSION only applies/,
    ],
    [
      'RUNLINE_SIM_WIRE with a URL',
      { ...foundry, RUNLINE_SIM_WIRE: 'foundry' },
      /RUNLINE_SIM_WIRE only applies to the simulator/,
    ],
    [
      'an unknown sim wire',
      { RUNLINE_SIM_WIRE: 'responses' },
      /RUNLINE_SIM_WIRE must be 'assistants' or 'foundry'/,
    ],
    [
      'a thread list on the Assistants wire',
      { RUNLINE_THREAD_LIST: 'on' },
      /RUNLINE_THREAD_LIST=on needs a Foundry upstream/,
    ],
    [
      'a thread list value',
      { RUNLINE_SIM_WIRE: 'foundry', RUNLINE_THREAD_LIST: 'yes' },
      /RUNLINE_THREAD_LIST must be 'on' or 'off'/,
    ],
    [
      'foundry without assistant ids',
      {
        RUNLINE_UPSTREAM_URL: PROJECT,
        RUNLINE_UPSTREAM_FLAVOR: 'foundry',
        RUNLINE_UPSTREAM_BEARER_TOKEN: TOKEN,
      },
      /RUNLINE_ASSISTANT_IDS is required/,
    ],
  ]
  it.each(bad)('%s', (_name, env, message) => {
    let error: unknown
    try {
      loadServerConfig(env)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect(String(error)).toMatch(message)
    expect(String(error)).not.toContain(SECRET)
    expect(String(error)).not.toContain(TOKEN)
  })
})

describe('start-up notices', () => {
  afterEach(() => vi.restoreAllMocks())

  it('the azure flavor says it targets the service shut down on 2026-08-26', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const env = {
      RUNLINE_UPSTREAM_URL: 'https://res.openai.azure.com/openai',
      RUNLINE_UPSTREAM_FLAVOR: 'azure',
      RUNLINE_AZURE_API_VERSION: '2024-05-01-preview',
      RUNLINE_ASSISTANT_IDS: 'asst_a',
    }
    expect(loadServerConfigOrExit(env, 'runline server').notices).toEqual([AZURE_RETIRED_NOTICE])
    expect(warn).toHaveBeenCalledWith(`runline server: notice: ${AZURE_RETIRED_NOTICE}`)
    expect(AZURE_RETIRED_NOTICE).toMatch(/shut down on 2026-08-26/)
  })

  it('the default and the openai flavor have none', () => {
    expect(loadServerConfig({}).notices).toEqual([])
    expect(
      loadServerConfig({ RUNLINE_UPSTREAM_URL: 'https://x/v1', RUNLINE_ASSISTANT_IDS: 'asst_a' }).notices,
    ).toEqual([])
  })
})
