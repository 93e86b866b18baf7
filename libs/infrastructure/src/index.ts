/** @localport/infrastructure: adapters for kubectl, ssh, sockets, health probes, config files, logging and the clock. */
export * from './paths';
export * from './config';
export * from './clock';
export * from './logging';
export * from './process';
export * from './net';
// Both the relay and the process tools speak of the process holding a port; they mean the same shape.
export type { PortOwner } from './process';
export * from './health';
export * from './kubectl';
export * from './ssh';
export * from './cluster';
export * from './control';
export * from './daemon';
export * from './doctor';
export * from './metrics';
