export * from './daemon-event';
export * from './event-journal';
export * from './record-daemon-events';
