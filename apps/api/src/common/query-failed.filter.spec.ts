import { createServer } from 'node:net';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyDatabaseError } from './query-failed.filter.js';

const failed = (code: string, message = 'x') => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('classifyDatabaseError', () => {
  it.each([
    ['23505', 'duplicate'], // unique_violation
    ['SQLITE_CONSTRAINT_UNIQUE', 'duplicate'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'duplicate'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['55P03', 'busy'], // lock_not_available
    ['57014', 'busy'], // query_canceled
    ['40001', 'busy'], // serialization_failure
    ['40P01', 'busy'], // deadlock_detected
    ['53300', 'busy'], // too_many_connections
    ['57P01', 'unreachable'], // admin_shutdown
    ['57P03', 'unreachable'], // cannot_connect_now
    ['08006', 'unreachable'], // connection_failure
    ['23503', 'other'], // foreign_key_violation: a bug, not a retry
    ['42P01', 'other'], // undefined_table
    ['SQLITE_ERROR', 'other'],
  ])('query failure %s is %s', (code, kind) => {
    expect(classifyDatabaseError(failed(code))).toBe(kind);
  });

  it('a connection refused by the database server (real node-postgres error) is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'nobody', database: 'none', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(() => null, (e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classifyDatabaseError(error)).toBe('unreachable');
  });

  it.each([
    ['timeout exceeded when trying to connect', 'unreachable'],
    ['Connection terminated unexpectedly', 'unreachable'],
  ])('node-postgres "%s" is %s', (message, kind) => {
    expect(classifyDatabaseError(new Error(message))).toBe(kind);
  });

  it('leaves other errors to the default handling', () => {
    expect(classifyDatabaseError(new Error('something else'))).toBeNull();
    expect(classifyDatabaseError('text')).toBeNull();
  });
});
