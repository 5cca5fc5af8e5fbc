// jest 30 in ESM mode: run through `node --experimental-vm-modules` (see package.json "test").
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^#(config|database|domain|importer|plan-import|queue|mail|reports|contracts)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  // A hang guard, not a speed goal: end-to-end tests start processes, browsers and servers,
  // and jest's 5 s default trips on a loaded shared machine.
  testTimeout: 60_000,
  // Builds dist/ once for the suites that run the built apps (test/worker-build.mjs).
  globalSetup: '<rootDir>/test/worker-build.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The web's components in a DOM (jsdom), compiled with the web's own tsconfig (Preact JSX).
    {
      displayName: 'web',
      testEnvironment: 'jsdom',
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'apps/web/tsconfig.json', diagnostics: false }] },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      testMatch: ['<rootDir>/apps/web/**/*.spec.tsx'],
    },
  ],
};
