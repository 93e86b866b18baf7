#!/usr/bin/env node
import 'reflect-metadata';
import { run } from './program';

// The one error boundary is inside run(): it maps every failure to a message and an exit code.
void run(process.argv).then((code) => {
  process.exitCode = code;
});
