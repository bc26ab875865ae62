import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const GOVUK_ASSETS = `${repoRoot}node_modules/govuk-frontend/dist/govuk/assets/`;
const MOJ_ASSETS = `${repoRoot}node_modules/@ministryofjustice/frontend/moj/assets/`;

// One config: Vite builds the renderer (loaded from file:// in Electron, so
// relative asset paths), and Vitest runs every suite under tests/.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: {
    // The Sass points images at /frontend-assets/ (see styles.scss); Vite bundles them from the packages.
    // MOJ Frontend ships every image the styles use except GOV.UK's crest.
    alias: [
      { find: /^\/frontend-assets\/images\/govuk-crest\.svg$/, replacement: `${GOVUK_ASSETS}images/govuk-crest.svg` },
      { find: /^\/frontend-assets\//, replacement: MOJ_ASSETS },
    ],
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or eval: the CSP forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // GOV.UK Frontend keeps an old IE hack (`min-width: 0\0`) that lightningcss rejects; esbuild passes it through.
    cssMinify: 'esbuild',
    sourcemap: false,
  },
  css: {
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        loadPaths: [repoRoot],
        silenceDeprecations: ['import', 'global-builtin'],
        // MOJ Frontend uses GOV.UK mixins that GOV.UK Frontend now flags as deprecated; those
        // warnings are theirs to fix, so only warnings from our own Sass are shown.
        logger: {
          warn(message: string, options: { span?: { url?: URL } | undefined; stack?: string }) {
            const where = `${options.span?.url?.pathname ?? ''} ${options.stack ?? ''}`;
            if (!where.includes('node_modules')) console.warn(message);
          },
        },
      },
    },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The crash test keeps a core busy for a minute beside the browser tests: give polls room.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
