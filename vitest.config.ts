import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // Browser tests build the web app and start Chromium; give them room on a 2-core CI box (a
    // session with several builds at once took a 30 s limit past: desk, dashboard, quality 23–33 s).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
