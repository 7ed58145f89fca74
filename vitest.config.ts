import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on the CI machines: forks keep native addons (sqlite, onnxruntime) isolated per file.
    pool: 'forks',
  },
});
