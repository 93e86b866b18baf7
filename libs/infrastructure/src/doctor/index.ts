export * from './kubectl-diagnostics.adapter';
export * from './ssh-diagnostics.adapter';
export * from './local-port-diagnostics.adapter';
export * from './daemon-socket-diagnostics.adapter';
export * from './registry-doctor-declarations';
