// The dependency rules of ARCHITECTURE.md, checked by `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'protocol-is-pure',
      comment: 'protocol is the shared contract: it imports no part and nothing with I/O (the browser runs it).',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { path: '^(control-plane|edge-agent|browser-runtime|cli|test|bench)/' },
    },
    {
      name: 'protocol-no-node-builtins',
      comment: 'protocol runs in browsers too: no node: imports.',
      severity: 'error',
      from: { path: '^protocol/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'protocol-only-pure-libraries',
      comment: 'protocol may import zod and pure libraries only.',
      severity: 'error',
      from: { path: '^protocol/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm'], pathNot: 'node_modules/(zod|simple-statistics)/' },
    },
    {
      name: 'control-plane-not-other-parts',
      severity: 'error',
      from: { path: '^control-plane/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(edge-agent|browser-runtime|cli)/' },
    },
    {
      name: 'edge-agent-not-other-parts',
      severity: 'error',
      from: { path: '^edge-agent/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(control-plane|browser-runtime|cli)/' },
    },
    {
      name: 'browser-runtime-not-other-parts',
      severity: 'error',
      from: { path: '^browser-runtime/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(control-plane|edge-agent|cli)/' },
    },
    {
      name: 'browser-runtime-no-node-builtins',
      severity: 'error',
      from: { path: '^browser-runtime/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'services-no-adapters',
      comment: 'services receive interfaces; they do not import hono, better-sqlite3, mqtt, aedes or onnxruntime.',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: 'node_modules/(hono|better-sqlite3|mqtt|aedes|onnxruntime-node|onnxruntime-web)/' },
    },
    {
      name: 'no-test-code-in-parts',
      severity: 'error',
      from: { path: '^(protocol|control-plane|edge-agent|browser-runtime|cli)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '(^|/)node_modules/' },
  },
};
