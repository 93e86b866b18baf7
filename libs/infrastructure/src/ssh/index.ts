/** The ssh technology: the system `ssh` forwarding a private Unix socket to the remote port. */
export * from './ssh-tunnel-launcher.adapter';
export * from './ssh-arguments';
export * from './ssh-exit';
export * from './ssh-askpass';
export * from './unix-socket-ready';
export * from './ssh-connection';
export * from './ssh-connection.schema';
export * from './ssh.technology';
export * from './ssh-gate-host';
export * from './ssh-first-hop-probe.adapter';
