/**
 * The layering of src/ (docs/architecture.md): imports point down only.
 *
 *   core (+ errors.ts) <- validation <- serialization <- models <- events
 *     <- tracker, reproducibility, journal  (tracker may use the other two; they use neither it nor each other)
 *        attestation (DSSE/in-toto signing and verification: uses reproducibility's hashing; tracker uses it)
 *     <- mlflow, standards, store, tfjs    (store may use mlflow; none of the others use each other)
 *     <- governance                         (lineage and framework evidence over stores and MLflow)
 *     <- report                             (the HTML report and model card: may use all of the above)
 *     <- cli
 *   index.ts is the only public door: nothing inside src/ imports it.
 *
 * `npm test` runs `depcruise src` with this file: a new wrong-way import fails the suite.
 */
const LAYERS = [
  ['core', '^src/(core/|errors\\.ts$)'],
  ['validation', '^src/validation/'],
  ['serialization', '^src/serialization/'],
  ['models', '^src/models/'],
  ['events', '^src/events/'],
  ['tracker', '^src/tracker/'],
  ['reproducibility', '^src/reproducibility/'],
  ['journal', '^src/journal/'],
  ['attestation', '^src/attestation/'],
  ['mlflow', '^src/mlflow/'],
  ['standards', '^src/standards/'],
  ['store', '^src/store/'],
  ['tfjs', '^src/tfjs/'],
  ['governance', '^src/governance/'],
  ['report', '^src/report/'],
  ['cli', '^src/cli/'],
];
/** What each layer may import besides itself. */
const MAY_USE = {
  core: [],
  validation: ['core'],
  serialization: ['core', 'validation'],
  models: ['core', 'validation', 'serialization'],
  events: ['core', 'validation', 'serialization', 'models'],
  tracker: ['core', 'validation', 'serialization', 'models', 'events', 'reproducibility', 'journal', 'attestation'],
  reproducibility: ['core', 'validation', 'serialization', 'models', 'events'],
  journal: ['core', 'validation', 'serialization', 'models', 'events'],
  attestation: ['core', 'validation', 'serialization', 'models', 'events', 'reproducibility'],
  mlflow: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation'],
  standards: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation'],
  store: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation', 'mlflow'],
  tfjs: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation'],
  governance: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation', 'mlflow', 'standards', 'store'],
  report: ['core', 'validation', 'serialization', 'models', 'events', 'tracker', 'reproducibility', 'journal', 'attestation', 'mlflow', 'standards', 'store', 'tfjs', 'governance'],
  cli: LAYERS.map(([name]) => name).filter((name) => name !== 'cli'),
};
const pathOf = Object.fromEntries(LAYERS);

module.exports = {
  forbidden: [
    ...LAYERS.map(([name, path]) => ({
      name: `layer-${name}`,
      comment: `${name} may import only ${MAY_USE[name].join(', ') || 'itself'} (see docs/architecture.md)`,
      severity: 'error',
      from: { path },
      to: {
        path: '^src/',
        pathNot: [path, ...MAY_USE[name].map((other) => pathOf[other])],
      },
    })),
    {
      name: 'index-is-the-door',
      comment: 'src/index.ts is the public surface; code inside src/ imports the module it needs, never the index',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle between modules makes load order matter and hides the layering (type-only imports, erased at run time, do not count)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
