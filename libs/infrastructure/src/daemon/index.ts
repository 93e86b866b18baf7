export * from './daemon-lock';
