// Jest 30 in native ESM mode (run with --experimental-vm-modules), TypeScript through @swc/jest.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
  },
];

// One embedded PostgreSQL for the whole run (unless DATABASE_URL is set); suites create their own databases.
const withPostgres = {
  globalSetup: '<rootDir>/test/support/pg-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/pg-global-teardown.ts',
};

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@hub/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@hub/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@hub/reports$': '<rootDir>/libs/reports/src/index.ts',
    '^@hub/runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^@hub/runtime/service-env$': '<rootDir>/libs/runtime/src/service-env.ts',
    '^@hub/runtime/logging$': '<rootDir>/libs/runtime/src/logging/service-logger.ts',
    '^@hub/runtime/testing$': '<rootDir>/libs/runtime/src/testing.ts',
    '^@hub/persistence$': '<rootDir>/libs/persistence/src/index.ts',
    '^@hub/audit$': '<rootDir>/libs/audit/src/index.ts',
    '^@hub/read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^@hub/contracts$': '<rootDir>/libs/read-models/src/contracts.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // testTimeout is a global option: Jest ignores it inside `projects` (the per-project values below document the
  // intent only). Hooks that start a whole hub need far more than the 5 s default on a loaded machine.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, ...withPostgres, displayName: 'int', testTimeout: 60_000, testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, ...withPostgres, displayName: 'e2e', testTimeout: 120_000, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...common, ...withPostgres, displayName: 'faults', testTimeout: 300_000, testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
    // Every attack of issue 12 as a test: bodies before auth, limits, headers, error bodies, readiness.
    { ...common, ...withPostgres, displayName: 'security', testTimeout: 120_000, testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'] },
  ],
};
