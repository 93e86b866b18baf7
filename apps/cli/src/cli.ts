// The CLI itself, bundled as cli.js and started by main.ts (the `localport` bin) through a V8 code cache.
import 'reflect-metadata';
import { run } from './program';

// The one error boundary is inside run(): it maps every failure to a message and an exit code.
void run(process.argv).then((code) => {
  process.exitCode = code;
});
