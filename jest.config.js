// Jest runs TypeScript through SWC; ESM-only dependencies (bpmn-moddle, feelin, …) are
// transformed to CommonJS too, because Jest's module system cannot require() ES modules.
/** @type {import('jest').Config} */
const esmOnly = [
  '@camunda/linting', // test/processes: the Modeler's linter, run headless
  '@bpmn-io', // its FEEL and moddle helpers
  'bpmn-moddle',
  'dmn-moddle',
  'zeebe-bpmn-moddle',
  'moddle',
  'moddle-xml',
  'min-dash',
  'saxen',
  'feelin',
  'lezer-feel',
  '@lezer',
  '@camunda/feel-builtins',
  'temporal-polyfill',
  'temporal-utils',
  'jose', // OIDC bearer tokens on the engine's gateways
];
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

module.exports = {
  // A global option: inside a project Jest ignores it.
  testTimeout: 30000,
  // Test files run in worker processes that are replaced once they grow: gRPC clients in one long-lived process
  // (Jest runs in band with one worker) once hit Node's http2 use-after-free assertion (nodejs/node#38964).
  maxWorkers: 2,
  workerIdleMemoryLimit: '512MB',
  // A worker with nothing left open still takes 0.3–0.7 s to exit on the shared 2-core machine (measured from the
  // end message to the process exit); Jest's default 500 ms called that a leak. Real leaks still show: the SDK's
  // timers last 3 s and more (test/engine/support/harness.ts).
  workerGracefulExitTimeout: 2000,
  projects: [
    // The engine's own tests need nothing but the engine.
    { ...shared, displayName: 'engine', roots: ['<rootDir>/engine', '<rootDir>/test/engine'] },
    {
      ...shared,
      displayName: 'app',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/test/engine/', '/node_modules/'],
      // One throw-away PostgreSQL server for the domain and web tests (test/support/global-setup.ts).
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
