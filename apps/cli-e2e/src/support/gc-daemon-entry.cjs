// The daemon under test, with one addition for the hostile-socket test: SIGUSR2 runs a full garbage
// collection, so RSS before and after an attack is compared after the same settling (flag set at run time,
// not through DAEMON_NODE_FLAGS, so the daemon's own flags stay those users get).
require('node:v8').setFlagsFromString('--expose-gc');
const gc = require('node:vm').runInNewContext('gc');
process.on('SIGUSR2', () => {
  gc();
  if (process.env.LOCALPORT_E2E_MEM_FILE) require('node:fs').writeFileSync(process.env.LOCALPORT_E2E_MEM_FILE, JSON.stringify(process.memoryUsage()));
});
require(process.env.LOCALPORT_E2E_REAL_DAEMON);
