import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * Serves the built SPA from `root`: the file when it exists, else `index.html` (client-side routes).
 * Returns `null` when there is no build (`root/index.html` missing) so the caller can answer 404.
 */
export async function serveStatic(root: string, pathname: string, method: string): Promise<Response | null> {
  const index = join(root, 'index.html')
  if (!(await isFile(index))) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return new Response('Bad path', { status: 400 })
  }
  const base = resolve(root)
  const candidate = resolve(base, `.${decoded}`)
  // The raw target was already checked for dot segments; this keeps us inside root regardless.
  const inside = candidate === base || candidate.startsWith(base + sep)
  const file = inside && (await isFile(candidate)) ? candidate : index
  const body = await readFile(file)
  const headers = new Headers({
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite fingerprints everything under assets/; index.html must be revalidated to pick up new builds.
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers })
}
