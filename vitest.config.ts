import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // dist: packs and installs the package (minutes): its own project, `npm run test:dist`.
          exclude: ['test/e2e/**', 'test/distribution/**'],
          environment: 'node',
          globalSetup: ['test/support/build-cli-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/build-cli-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'dist',
          include: ['test/distribution/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/build-cli-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
