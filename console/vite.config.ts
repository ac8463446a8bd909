import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Served by the gateway at /console/; `npm run dev -w @omniflow/console` proxies the API to a running gateway. */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000' } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
