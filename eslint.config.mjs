// ESLint flat config: typescript-eslint's type-aware rules on every TypeScript file the project compiles
// (src, test, bench, examples; one program from tsconfig.test.json), so that a
// floating promise, a promise passed where a callback is expected or an `any` leaking out of JSON is caught
// before it runs. Rules switched off below fight the house style; each says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'docs/api/**', 'node_modules/**', '.venv/**', 'test/fixtures/**', 'etc/**', 'temp/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // One program for all of it: tsconfig.test.json includes src, test, bench and examples.
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
        // Lets consistent-type-imports see that a class used as a decorated property's type is needed at runtime.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      // The MLflow client's internal failure records (no stack to capture, thrown in the retry loop and
      // mapped to the SDK's errors by error-mapping.ts) are thrown on purpose; anything else must be an Error.
      '@typescript-eslint/only-throw-error': [
        'error',
        {
          allow: [
            { from: 'file', name: ['StatusFailure', 'ConnectionFailure', 'ResponseFailure'], path: 'src/mlflow/client/error-mapping.ts' },
            { from: 'file', name: 'RetriesFailed', path: 'src/mlflow/client/retry.ts' },
          ],
          allowThrowingAny: false,
          allowThrowingUnknown: false,
        },
      ],
      // `let x; const server = create(() => x.handle()); x = ...`: the closure reads it before it is assigned.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `export declare namespace TrainingBOM` only adds type aliases to the class (declaration merging).
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // Tests: chai's property assertions (`expect(x).to.be.true`) are expressions by design; fakes implement
    // async interfaces without awaiting anything; `expect(Object.prototype.toString)` looks at a method
    // without calling it; a journal's error callback rethrows what it is handed (typed unknown) to fail the test.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true, allowThrowingAny: false }],
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript configs (mocharc, dependency-cruiser, this file): CommonJS or ESM, not in the TS program.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      // CommonJS config files (.mocharc.unit.js, .dependency-cruiser.js) load with require.
      '@typescript-eslint/no-require-imports': 'off',
    },
    languageOptions: {
      globals: { module: 'readonly', require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
  },
);
