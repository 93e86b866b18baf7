import type * as Pg from 'pg';
import { optionalDependency } from '../optional/optional-dependency';

/** The `pg` driver, loaded on first use: an optional peer dependency only the PostgreSQL session check needs. */
export const pgDriver = optionalDependency<typeof Pg>('pg', 'the PostgreSQL health check with a user', () =>
  require('pg'),
);
