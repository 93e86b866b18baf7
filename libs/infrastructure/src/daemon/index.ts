export * from './daemon-lock';
export * from './dead-daemon';
