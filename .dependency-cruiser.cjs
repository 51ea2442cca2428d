/**
 * The import rules of PadBridge's code, checked by `npm run lint`. Each folder of lib/ says in its
 * README what it may import; the rules below are those sentences, so a change that breaks one
 * fails the lint with the rule's name.
 */

/** What each concern of lib/ may import besides itself (the libraries are always allowed). */
const MAY_IMPORT = {
  services: [],
  text: ['services'],
  storage: ['services', 'text'],
  policy: ['services', 'storage', 'text'],
  configurations: ['services', 'storage', 'text', 'policy'],
  connections: ['services', 'storage', 'text', 'policy', 'configurations'],
  pads: ['services', 'storage', 'text', 'configurations'],
  'pad-job': ['services', 'storage', 'text', 'configurations', 'connections', 'pads'],
  'auto-mode': ['services', 'storage', 'text', 'configurations', 'policy', 'pad-job', 'pads'],
  // The transport: the message table names the concerns' types and input schemas; no handler lives here.
  messaging: ['services', 'storage', 'text', 'configurations', 'policy', 'connections', 'pads', 'pad-job', 'auto-mode'],
};

const concernRules = Object.entries(MAY_IMPORT).map(([concern, allowed]) => ({
  name: `lib-${concern}-may-import`,
  comment: `lib/${concern}/ may import ${allowed.length ? allowed.join(', ') : 'nothing else in lib/'} (its README says why)`,
  severity: 'error',
  from: { path: `^lib/${concern}/` },
  to: {
    path: '^lib/',
    pathNot: [`^lib/${concern}/`, ...allowed.map((name) => `^lib/${name}/`)],
  },
}));

/** Which way the layers point: [rule, why, importing files, files they may not import]. */
const LAYERS = [
  [
    'one-composition-root',
    'lib/backend.ts wires the concerns together; only the background entry point (and tests) use it.',
    '^(lib|components|utils)/',
    '^lib/backend[.]ts$',
  ],
  [
    'lib-is-below-the-pages',
    'lib/ is the product without its pages: it imports no component, page helper or entry point.',
    '^lib/',
    '^(components|utils|entrypoints)/',
  ],
  [
    'page-helpers-are-below-components',
    'utils/ holds what the pages share that is not a component (queries, formats, downloads).',
    '^utils/',
    '^(components|entrypoints)/',
  ],
  [
    'components-are-below-entrypoints',
    'Components are mounted by entry points, never the other way.',
    '^components/',
    '^entrypoints/',
  ],
  [
    'product-does-not-import-tests',
    'The extension never imports the tests, the sandbox or the scripts.',
    '^(lib|components|utils|entrypoints)/',
    '^(tests|sandbox|scripts)/',
  ],
];

const layerRules = LAYERS.map(([name, comment, from, to]) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other, directly or through others: one of them is in the wrong place.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...concernRules,
    ...layerRules,
    {
      name: 'no-unresolvable',
      comment: 'An import that names nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.d.ts'],
    },
  },
};
