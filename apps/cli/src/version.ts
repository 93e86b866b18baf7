import { LOCALPORT_VERSION } from '@localport/application';

/** LocalPort's version, as printed by `--version`. */
export const VERSION = LOCALPORT_VERSION;
