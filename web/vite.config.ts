import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The scripts run Vite from the repository root with `--config web/vite.config.ts`;
// anchoring root to this file keeps index.html, src and dist inside web/ whatever the cwd.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    // exceljs (report exports, loaded on the export click only) without its polyfills for old
    // browsers: the browsers Kefu supports have them built in, and it is ~85 KB less to fetch.
    alias: [{ find: /^exceljs$/, replacement: 'exceljs/dist/exceljs.bare.min.js' }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Warn only when a single chunk gets close to the whole first-screen budget (350 KB gzip). The one
    // chunk above 900 KB is OpenCC's cn→tw dictionary (1.1 MB, web/src/i18n/reader-script.ts), fetched
    // after the first screen and only by readers who chose 繁體中文; the limit sits just above it.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
