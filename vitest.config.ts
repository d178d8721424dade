import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const requireFromHub = createRequire(new URL('./packages/hub/package.json', import.meta.url));

export default defineConfig({
  // SWC emits decorator metadata, which TypeGraphQL and MikroORM read; Vite's esbuild does not.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // Vite would hand our code graphql's .mjs build while Apollo and TypeGraphQL load its CommonJS build, as Node
    // does at run time: two realms whose types and errors fail each other's instanceof checks.
    alias: [{ find: /^graphql$/, replacement: requireFromHub.resolve('graphql') }],
  },
  test: {
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    include: ['packages/*/src/**/*.test.ts', 'site/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
