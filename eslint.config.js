// One flat config for every project; each project's `lint` script runs `eslint src`.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * DESIGN's dependency rule, enforced: each project's tags (`nx.tags` in its package.json) say what it is, and
 * these constraints say what it may import. An import across the rule is a lint error.
 *
 * - layers of the libraries: base (graph toolkit, nets, readers, math, text, images) ← runtime (onnxruntime)
 *   ← models (model sets) ← engine (editing) ← core (studio); storage and telemetry (CloudWatch) are leaves only
 *   the core uses; the API contract is a leaf; no library imports an app or a tool.
 * - apps: the API and the worker use the core, the engine and the contract only; the web app the contract only
 *   (it talks to the API over HTTP); the CLI, a maintainer's tool over the engine as well, never touches storage
 *   or the runtime directly.
 */
const DEPENDENCY_RULE = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:lib'] },
  // The deployment (AWS CDK) reads the product's contract from files, not from its libraries.
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: ['layer:base'] },
  { sourceTag: 'layer:base', onlyDependOnLibsWithTags: ['layer:base', 'layer:testing'] },
  { sourceTag: 'layer:runtime', onlyDependOnLibsWithTags: ['layer:base', 'layer:testing'] },
  { sourceTag: 'layer:models', onlyDependOnLibsWithTags: ['layer:base', 'layer:runtime', 'layer:testing'] },
  { sourceTag: 'layer:storage', onlyDependOnLibsWithTags: ['layer:testing'] },
  { sourceTag: 'layer:telemetry', onlyDependOnLibsWithTags: ['layer:testing'] },
  {
    sourceTag: 'layer:engine',
    onlyDependOnLibsWithTags: ['layer:base', 'layer:runtime', 'layer:models', 'layer:testing'],
  },
  {
    sourceTag: 'layer:core',
    onlyDependOnLibsWithTags: [
      'layer:engine',
      'layer:models',
      'layer:runtime',
      'layer:storage',
      'layer:telemetry',
      'layer:base',
      'layer:testing',
    ],
  },
  { sourceTag: 'layer:contract', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'app:server',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:engine', 'layer:contract', 'layer:testing'],
  },
  { sourceTag: 'app:web', onlyDependOnLibsWithTags: ['layer:contract'] },
  {
    sourceTag: 'app:cli',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:engine', 'layer:models', 'layer:base', 'layer:testing'],
  },
];

/** Packages one project owns the use of: everyone else goes through that project. */
const OWNED_IMPORTS = [
  {
    files: [
      'libs/model-runners/**',
      // The graph toolkit's own tests run graphs in onnxruntime directly (model-runners depends on it, not the
      // reverse); its product code does not.
      'libs/onnx-graph/src/test-utils.ts',
      'libs/onnx-graph/src/**/*.test.ts',
    ],
    names: ['onnxruntime-node', 'onnxruntime-common'],
    why: 'the runtime lives in @styleclip/model-runners',
  },
  {
    files: ['libs/storage/**'],
    names: ['@aws-sdk/*', '!@aws-sdk/client-cloudwatch'],
    why: 'the AWS SDK (S3) lives in @styleclip/storage',
  },
  {
    files: ['libs/cloudwatch/**'],
    names: ['@aws-sdk/client-cloudwatch'],
    why: 'the CloudWatch client lives in @styleclip/cloudwatch',
  },
  {
    files: ['libs/studio/**'],
    names: ['bullmq', 'ioredis'],
    why: 'the job queue lives in @styleclip/studio',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/coverage/**',
      'data/**',
      'models/*/**',
      // Written by @graphql-codegen (their tests check they are current).
      '**/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: DEPENDENCY_RULE },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: OWNED_IMPORTS.map((o) => ({
            group: o.names,
            message: `${o.why}; import that project instead.`,
          })),
        },
      ],
    },
  },
  ...OWNED_IMPORTS.map((o) => ({
    files: o.files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: OWNED_IMPORTS.filter((x) => x !== o).map((x) => ({
            group: x.names,
            message: `${x.why}; import that project instead.`,
          })),
        },
      ],
    },
  })),
);
