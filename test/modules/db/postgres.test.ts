// The PostgreSQL backend (modules/db/postgres.ts) on a real PostgreSQL
// started by the test (port 25432), and db_postgres's con_param parsing.

import { postgresBackend } from '../../../modules/db/postgres.js';
import { parseConParam } from '../../../modules/db_postgres/index.js';
import { testBackend } from './operations.js';

testBackend('postgres', 25432, () => postgresBackend(), 'db_postgres');

describe('con_param', () => {
  it('reads the libpq keywords siprc applies', () => {
    expect(parseConParam('connect_timeout=15; application_name=siprc;')).toEqual(new Map([['connect_timeout', '15'], ['application_name', 'siprc']]));
    expect(parseConParam('')).toEqual(new Map());
  });
  it('names what is wrong', () => {
    expect(parseConParam('tcp_user_timeout=5000')).toMatch(/siprc does not apply "tcp_user_timeout"/);
    expect(parseConParam('connect_timeout')).toMatch(/"connect_timeout" is not keyword=value/);
    expect(parseConParam('connect_timeout=soon')).toMatch(/connect_timeout takes a number, not "soon"/);
    expect(parseConParam('sslmode=maybe')).toMatch(/sslmode is one of/);
  });
});
