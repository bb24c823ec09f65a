import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Where `/api` goes in `vite` (dev) and `vite preview`. changeOrigin stays off: the server compares
 * Origin with Host for writes (CSRF), so the Host header must remain the page's own.
 */
const apiTarget = process.env.SKILLCERT_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

/**
 * The web app. `@skillcert/shared` is TypeScript source (its files import each other with `.ts`
 * extensions); Vite transforms it like our own code because the workspace link resolves outside node_modules.
 */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each entry and page imports (e2e/bundle-size.test.ts reads it).
    manifest: true,
    chunkSizeWarningLimit: 700,
  },
});
