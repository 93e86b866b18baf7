import 'reflect-metadata';
import { homedir } from 'node:os';
import { parseDaemonArgs } from './daemon-options';
import { runDaemon } from './daemon-process';

// Entry point of dist/apps/daemon/main.js; `localport daemon start` runs it detached.
const options = parseDaemonArgs(process.argv.slice(2));
if (typeof options === 'string') {
  process.stderr.write(`localport daemon: ${options}\nusage: main.js [--config PATH] [--foreground] [--no-auto-start]\n`);
  process.exit(2);
}
runDaemon(options, process.env, homedir()).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (e: Error) => {
    process.stderr.write(`localport daemon: ${e.message}\n`);
    process.exit(1);
  },
);
