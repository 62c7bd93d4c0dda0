// Shared by the packed-app check's steps: counted checks, timed phases, commands, free ports.
import { type ChildProcess, execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '../readme-blocks.js'

const run = promisify(execFile)
export const PACKAGES = ['core', 'hooks', 'components', 'proxy', 'simulator'] as const
export type PackageName = (typeof PACKAGES)[number]

export const counter = { passed: 0 }

/** Counts a passed check, or throws with what failed. */
export function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`FAILED: ${what}`)
  counter.passed++
}

export async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now()
  const result = await work()
  console.log(`✓ ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
  return result
}

/** Runs a command; resolves with its stdout (and stderr after it with `withStderr`), rejects with both. */
export async function sh(
  cmd: string,
  args: string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; withStderr?: boolean } = {},
): Promise<string> {
  try {
    const env = options.env ?? process.env
    const { stdout, stderr } = await run(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024, env })
    return options.withStderr ? `${stdout}${stderr}` : stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`)
  }
}

const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}
/** The version range the repository itself uses, so the app tests what the repo tests. */
export const versionOf = (name: string) => rootPackage.devDependencies[name] ?? 'latest'

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Polls `url` until it answers 2xx (30 s at most), failing early if `child` exits. */
export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} did not answer within 30 s`)
}
