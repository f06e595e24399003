import { DbError, type DbBackend, type DbUrl } from '../../../modules/db/api.js';
import { connectDb, registerBackend, unregisterBackend } from '../../../modules/db/connect.js';
import { DbUrlError } from '../../../modules/db/url.js';

describe('connectDb', () => {
  it('refuses a bad URL with a DbUrlError', async () => {
    await expect(connectDb('sqlite://relative.db')).rejects.toThrow(DbUrlError);
  });

  it('says when no backend serves a scheme', async () => {
    const url: DbUrl = { scheme: 'mongodb', host: 'h', database: 'x', redacted: 'mongodb://h/x' };
    await expect(connectDb(url)).rejects.toThrow(new DbError('no storage backend for "mongodb://" URLs (db_mongodb is not available in siprc)', 'db_mongodb'));
  });

  it('uses a registered backend before the default, and names the URL (password hidden) when it cannot connect', async () => {
    const seen: DbUrl[] = [];
    const failing: DbBackend = {
      module: 'db_sqlite',
      schemes: ['sqlite'],
      connect: (url) => {
        seen.push(url);
        return Promise.reject(new Error('disk on fire'));
      },
    };
    registerBackend(failing);
    try {
      await expect(connectDb('sqlite:///tmp/x.db')).rejects.toThrow('cannot connect to sqlite:///tmp/x.db: disk on fire');
      expect(seen.map((u) => u.database)).toEqual(['/tmp/x.db']);
    } finally {
      unregisterBackend(failing);
    }
    const failingMysql: DbBackend = { module: 'db_mysql', schemes: ['mysql'], connect: () => Promise.reject(new Error('Access denied')) };
    registerBackend(failingMysql);
    try {
      const error = await connectDb('mysql://kam:secret@127.0.0.1/kamailio').catch((e: DbError) => e);
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).message).toBe('cannot connect to mysql://kam:***@127.0.0.1/kamailio: Access denied');
      expect((error as DbError).backend).toBe('db_mysql');
    } finally {
      unregisterBackend(failingMysql);
    }
  });

});
