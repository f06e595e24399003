// Jest runs the TypeScript sources as ES modules through ts-jest (transpile
// only: `npm test` type-checks the whole project with tsc first).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // One pre-bundled file instead of Chevrotain's hundreds of modules: much faster to load per test file.
    '^chevrotain$': '<rootDir>/node_modules/chevrotain/lib/chevrotain.mjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
};
