// Layer rules live here, not in memory: a forbidden import fails `npm run lint` (part of `npm test`).
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const nodeBuiltins = ['fs', 'net', 'child_process', 'os', 'path', 'http', 'https', 'dgram', 'tls', 'dns', 'crypto', 'process', 'timers'];
const ioBan = {
  paths: nodeBuiltins.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'No I/O in the core: put it behind a port in libs/application and an adapter in libs/infrastructure.' })),
  patterns: [{ group: ['node:*'], message: 'No Node built-ins in the core.' }],
};
const infraFree = ['inversify', 'winston', 'zod', 'commander', 'yaml', 'pg', 'ws', 'spdy-transport', '@kubernetes/*'];

module.exports = [
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false, // test harnesses (non-buildable) are imported by specs only; no-restricted-imports below keeps them out of production code
        allow: [],
        depConstraints: [
          { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ['*'] },
          { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain', 'type:application'], bannedExternalImports: infraFree },
          { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure', 'type:testing'] },
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure', 'type:testing'] },
          { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure', 'type:testing'] },
          { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure', 'type:testing'] },
          { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:infrastructure', 'type:testing'] },
        ],
      }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The core does no I/O.
  { files: ['libs/domain/src/**/*.ts', 'libs/application/src/**/*.ts'], rules: { 'no-restricted-imports': ['error', ioBan] } },
  // Production code never imports test harnesses or fakes; only specs do.
  {
    files: ['libs/*/src/**/*.ts', 'apps/cli/src/**/*.ts', 'apps/daemon/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@localport/testing/*', '@localport/application/testing'], message: 'Test harnesses and fakes are for *.spec.ts files only.' }],
      }],
    },
  },
  { files: ['libs/domain/src/**/*.ts', 'libs/application/src/**/*.ts'], ignores: ['**/*.spec.ts', '**/testing/**'], rules: { 'no-restricted-imports': ['error', {
    paths: ioBan.paths,
    patterns: [...ioBan.patterns, { group: ['@localport/testing/*', '@localport/application/testing'], message: 'Test harnesses and fakes are for *.spec.ts files only.' }],
  }] } },
  // Heavy packages a config may not use are loaded at first use (issue 13): types at the top, values by import().
  {
    files: ['libs/infrastructure/src/**/*.ts', 'apps/daemon/src/**/*.ts', 'apps/cli/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', 'apps/daemon/src/vendor/**', 'apps/cli/src/vendor/**'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: ['@kubernetes/client-node', 'pg'].map((name) => ({
          name,
          allowTypeImports: true,
          message: `Load ${name} at first use (\`await import('${name}')\`, types by \`import type\`): a daemon without it must not pay its start-up and memory.`,
        })),
      }],
    },
  },
  { languageOptions: { parser: tseslint.parser } },
];
