export * from './redact';
export * from './rotating-file.stream';
export * from './winston-logger.adapter';
export * from './file-service-logs.adapter';
export * from './log-file.errors';
export * from './read-log-tail';
export * from './follow-log';
export * from './read-log-since';
