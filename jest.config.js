/** Unit tests need nothing running; integration tests (*.it.test.ts) run against real Kafka, Temporal and MySQL. */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The console has its own runner (vitest, browser-side TypeScript): `npm test` runs it first.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/console/'],
};

module.exports = {
  // Integration tests wait on real workflows; a hung saga fails here rather than hanging CI.
  testTimeout: 120_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/src/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.it\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/src/**/*.it.test.ts'],
      globalSetup: '<rootDir>/devstack/dist/testing/global-setup.js',
      globalTeardown: '<rootDir>/devstack/dist/testing/global-teardown.js',
    },
  ],
};
