// Bundled on its own as dist/apps/daemon/vendor/kube-client.js (project.json additionalEntryPoints). The daemon's
// main bundle refers to @kubernetes/client-node only through this file (tools/build/esbuild.config.cjs), and only
// by dynamic import(), so a daemon whose config has no kubectl service neither parses nor runs it (~60 MB RSS).
export * from '@kubernetes/client-node';
