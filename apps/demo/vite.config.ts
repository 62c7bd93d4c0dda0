import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const packageSource = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

/** Where apps/server listens in development; `pnpm dev` starts it on this port (PORT overrides both). */
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '8787'}`

export default defineConfig({
  // The demo's folder, whoever starts Vite (scripts/dev.ts and the e2e build run from elsewhere).
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The packages' sources, never their dist: the demo always shows the code of this checkout.
    // Exact-match patterns, so the CSS subpath is not swallowed by the package alias.
    alias: [
      {
        find: /^@runline\/components\/styles\.css$/,
        replacement: packageSource('components/src/styles.css'),
      },
      ...['core', 'hooks', 'components'].map((name) => ({
        find: new RegExp(`^@runline/${name}$`),
        replacement: packageSource(`${name}/src/index.ts`),
      })),
    ],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // Same origin from the browser's view: the proxy refuses foreign-origin browser requests.
    proxy: { '/api': apiTarget, '/healthz': apiTarget },
  },
  preview: { host: '127.0.0.1', port: 4173, proxy: { '/api': apiTarget, '/healthz': apiTarget } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024 },
})
