/**
 * A self-signed certificate for 127.0.0.1 / localhost, made at test time with node:crypto and a
 * tiny DER writer (no openssl, no dependency): an EC P-256 key, X.509 v3 with subjectAltName and
 * basicConstraints, signed ecdsa-with-SHA256. Good for one test's TLS server, nothing else.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto'

const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts)
  const n = body.length
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), length, body])
}
const sequence = (...parts: Buffer[]) => der(0x30, ...parts)
const set = (...parts: Buffer[]) => der(0x31, ...parts)
const integer = (bytes: Buffer) =>
  der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
const bitString = (bytes: Buffer) => der(0x03, Buffer.from([0]), bytes)
const octetString = (bytes: Buffer) => der(0x04, bytes)
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'))
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner)

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * a + b]
  for (const value of rest) {
    const chunk = [value & 0x7f]
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return der(0x06, Buffer.from(bytes))
}

/** UTCTime `YYMMDDHHMMSSZ` (valid until 2049). */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString() // 2026-01-01T00:00:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return der(0x17, Buffer.from(text, 'ascii'))
}

/** A PEM key and certificate pair. */
export interface SelfSigned {
  key: string
  cert: string
}

/** A fresh self-signed certificate for `127.0.0.1` and `localhost`, valid from an hour ago for a day. */
export function selfSignedCertificate(): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ecdsaSha256 = sequence(oid('1.2.840.10045.4.3.2'))
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8('Runline simulator test'))))
  const now = Date.now()
  const altNames = sequence(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')))
  const extensions = sequence(
    sequence(oid('2.5.29.17'), octetString(altNames)),
    sequence(
      oid('2.5.29.19'),
      der(0x01, Buffer.from([0xff])),
      octetString(sequence(der(0x01, Buffer.from([0xff])))),
    ),
  )
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(12)),
    ecdsaSha256,
    name,
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  )
  const signature = sign('sha256', tbs, privateKey)
  const certificate = sequence(tbs, ecdsaSha256, bitString(signature))
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n')
  const cert = `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  // Fail here, not in a handshake, if the writer got something wrong.
  const parsed = new X509Certificate(cert)
  if (!parsed.verify(parsed.publicKey) || !parsed.checkIP('127.0.0.1') || !createPrivateKey(key)) {
    throw new Error('the self-signed certificate does not verify')
  }
  return { key, cert }
}
