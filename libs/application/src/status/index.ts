export * from './status-report';
