// Per-test timeout of the end-to-end suite. `testTimeout` in a project's jest config is ignored when the
// root config runs every project (it is a global option), so the suite ran with jest's 5 s default: under
// load, tests that spawn the CLI, the daemon, kubectl and sshd were cut off while starved, not stuck. A
// test that needs longer still says so itself.
jest.setTimeout(60_000);
