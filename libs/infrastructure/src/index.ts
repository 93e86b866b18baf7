/** @localport/infrastructure: adapters for kubectl, ssh, sockets, health probes, config files, logging and the clock. */
export * from './paths';
export * from './config';
export * from './clock';
export * from './logging';
export * from './process';
export * from './net';
export * from './health';
export * from './kubectl';
export * from './ssh';
export * from './cluster';
export * from './control';
export * from './daemon';
