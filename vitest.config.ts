import { defineConfig } from 'vitest/config';

// Tests run on source: workspace packages resolve through their `@hotpath/source` export condition.
const conditions = ['@hotpath/source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@hotpath/source'] } },
  test: {
    include: [
      '{packages,plugins,tools}/*/test/**/*.test.ts',
      'benchmarks/test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    globalSetup: ['tools/testing/src/ensure-redis.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
