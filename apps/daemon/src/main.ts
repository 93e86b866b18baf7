import 'reflect-metadata';
import { homedir } from 'node:os';
import { serveConfigParseWorker } from '@localport/infrastructure';
import { parseDaemonArgs } from './daemon-options';
import { runDaemon } from './daemon-process';

// Entry point of dist/apps/daemon/main.js; `localport daemon start` runs it detached. The daemon also runs
// this script in a worker thread to parse its config off the event loop; there it does nothing else.
const options = serveConfigParseWorker() ? null : parseDaemonArgs(process.argv.slice(2));
if (typeof options === 'string') {
  process.stderr.write(`localport daemon: ${options}\nusage: main.js [--config PATH] [--foreground] [--no-auto-start]\n`);
  process.exit(2);
}
if (options) runDaemon({ ...options, configWorker: __filename }, process.env, homedir()).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (e: Error) => {
    process.stderr.write(`localport daemon: ${e.message}\n`);
    process.exit(1);
  },
);
