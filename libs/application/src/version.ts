/** LocalPort's version, reported by `--version` and by the daemon. */
export const LOCALPORT_VERSION = '0.1.0';
