import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // scrypt at N = 2^17 takes a few hundred ms per unlock; store tests unlock often.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
