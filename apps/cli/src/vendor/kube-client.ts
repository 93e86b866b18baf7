// Bundled on its own as dist/apps/cli/vendor/kube-client.js (project.json additionalEntryPoints), as for the daemon:
// the CLI's bundle refers to @kubernetes/client-node only through this file (tools/build/esbuild.config.cjs), and only
// by dynamic import(), so `status` and every other command that does not read a kubeconfig neither reads nor parses
// its 3 MB (it was three quarters of cli.js).
export * from '@kubernetes/client-node';
