import { DaemonEvent } from '@localport/application';
import { WireDaemonEvent } from './control-methods';

/** A daemon event as sent over the control socket: its time as an ISO string. */
export const toWireEvent = (event: DaemonEvent): WireDaemonEvent => ({ ...event, at: new Date(event.at).toISOString() });
