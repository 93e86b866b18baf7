/** @localport/infrastructure: adapters for kubectl, ssh, sockets, health probes, config files, logging and the clock. */
export {};
