import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    // Generous: browser and 20-agent tests share two cores with everything else on a CI machine;
    // these are hang guards, not timing assertions (timings live in bench/).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores on the CI machines: forks keep native addons (sqlite, onnxruntime) isolated per file.
    pool: 'forks',
  },
});
