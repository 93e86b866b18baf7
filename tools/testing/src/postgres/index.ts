/** A real, throw-away PostgreSQL server for tests. */
export * from './start-postgres';
export * from './postgres-install';
