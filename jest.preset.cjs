// Shared Jest preset. inversify 8 and @kubernetes/client-node (with its deps) ship ESM only;
// Jest on Node 20 cannot require() them, so swc transpiles them to CommonJS like our own TS.
const esmOnly = ['inversify', '@inversifyjs', '@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', '@jsep-plugin', 'jsep'];
const swc = (syntax) => ({
  jsc: {
    parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc('typescript')],
    '^.+\\.m?js$': ['@swc/jest', swc('ecmascript')],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  resolver: '@nx/jest/plugins/resolver',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
