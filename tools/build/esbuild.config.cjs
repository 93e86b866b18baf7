// esbuild options shared by the CLI and daemon bundles (project.json `esbuildConfig`).
const { dirname, join } = require('node:path');

/**
 * zod bundles error messages in ~40 languages (260 KB of the CLI's 870 KB) and switches only English on. Keeping only
 * English cuts start-up parse and compile time of every `localport` command; `z.locales` then offers only `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  sourcemap: false,
  logLevel: 'warning',
  keepNames: true,
  plugins: [zodEnglishOnly],
};
