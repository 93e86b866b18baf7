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

/**
 * Packages bundled apart, as `vendor/<file>.js` next to the main bundle, when the build has `<dir>/vendor/<file>.ts`
 * among its entry points (the daemon's additionalEntryPoints). The main bundle then only holds
 * `require('./vendor/<file>.js')`, reached through dynamic import() at first use: the Kubernetes client is 14 MB of
 * source that would otherwise be read and parsed by every daemon, with Kubernetes in its config or not.
 */
const VENDORED = { '@kubernetes/client-node': 'kube-client' };

const vendorApart = {
  name: 'vendor-apart',
  setup(build) {
    const entries = [].concat(build.initialOptions.entryPoints ?? []).map(String);
    for (const [pkg, file] of Object.entries(VENDORED)) {
      if (!entries.some((e) => e.replace(/\\/g, '/').endsWith(`/vendor/${file}.ts`))) continue;
      const filter = new RegExp(`^${pkg.replace(/[/.]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => (/[\\/]vendor[\\/]/.test(args.importer) ? undefined : { path: `./vendor/${file}.js`, external: true }));
    }
  },
};

/**
 * winston's internal debug channel, @dabh/diagnostics, picks its build by NODE_ENV at run time, so a bundle holds both;
 * the development one pulls @so-ric/colorspace, color and color-convert (whose conversion tables the daemon built at
 * start-up and kept) to colour debug lines that only `DEBUG=winston:*` would show. The production build only.
 */
const diagnosticsProduction = {
  name: 'diagnostics-production',
  setup(build) {
    build.onResolve({ filter: /^@dabh\/diagnostics$/ }, (args) => ({
      path: require.resolve('@dabh/diagnostics/node/production.js', { paths: [args.resolveDir] }),
    }));
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  sourcemap: false,
  logLevel: 'warning',
  keepNames: true,
  // No comments or indentation: a third of the size, and ASCII only, so V8 keeps the source as one byte per char
  // (three em-dashes in a comment made the daemon's 1.8 MB source a 3.6 MB two-byte string). Names stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  plugins: [zodEnglishOnly, vendorApart, diagnosticsProduction],
};
