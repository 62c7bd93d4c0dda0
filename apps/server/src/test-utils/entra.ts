// A fake Microsoft Entra token endpoint over real TLS on loopback, with a certificate made at test time.
import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { generate } from 'selfsigned'

/** A self-signed certificate for 127.0.0.1 (PEM), to trust through NODE_EXTRA_CA_CERTS. */
export interface LoopbackCertificate {
  cert: string
  key: string
}

/** Makes a certificate for `127.0.0.1` in pure JavaScript (no openssl binary needed). */
export async function loopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  })
  return { cert: pems.cert, key: pems.private }
}

/** One request that reached the fake endpoint. */
export interface EntraRequest {
  method: string
  path: string
  /** The form fields of a token request. */
  form: Record<string, string>
}

/** A running fake authority: `authorityHost` is `https://127.0.0.1:<port>`. */
export interface FakeEntra {
  authorityHost: string
  requests: EntraRequest[]
  /** The access tokens handed out, in order. */
  issued: string[]
  close(): Promise<void>
}

/**
 * Serves what MSAL asks of an authority that is not Microsoft's: the tenant's OpenID metadata and its
 * client-credentials token endpoint (`/<tenant>/oauth2/v2.0/token`). Tokens go to `clientId` +
 * `clientSecret` only; anything else gets Entra's `invalid_client` 401.
 */
export async function startFakeEntra(
  certificate: LoopbackCertificate,
  expected: { tenantId: string; clientId: string; clientSecret: string },
): Promise<FakeEntra> {
  const requests: EntraRequest[] = []
  const issued: string[] = []
  let base = ''
  const server = createServer(certificate, async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += String(chunk)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const form = Object.fromEntries(new URLSearchParams(body))
    requests.push({ method: req.method ?? '', path, form })
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const tenant = `${base}/${expected.tenantId}`
    if (req.method === 'GET' && path === `/${expected.tenantId}/v2.0/.well-known/openid-configuration`) {
      return json(200, {
        issuer: `${tenant}/v2.0`,
        token_endpoint: `${tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${tenant}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'token'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      })
    }
    if (req.method === 'POST' && path === `/${expected.tenantId}/oauth2/v2.0/token`) {
      if (form.client_id !== expected.clientId || form.client_secret !== expected.clientSecret) {
        return json(401, {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Trace ID: 0000 Correlation ID: 1111`,
          error_codes: [7000215],
        })
      }
      const token = `fake-entra-token-${issued.length + 1}-${'x'.repeat(24)}`
      issued.push(token)
      return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token })
    }
    json(404, { error: 'not_found', path })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    authorityHost: base,
    requests,
    issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
