import { DbUrlError, parseDbUrl, redact } from '../../../modules/db/url.js';

describe('parseDbUrl', () => {
  it('takes Kamailio’s MySQL form apart, with and without a port', () => {
    expect(parseDbUrl('mysql://kamailio:kamailiorw@localhost/kamailio')).toEqual({
      scheme: 'mysql',
      user: 'kamailio',
      password: 'kamailiorw',
      host: 'localhost',
      database: 'kamailio',
      redacted: 'mysql://kamailio:***@localhost/kamailio',
    });
    expect(parseDbUrl('mysql://u:p@db.example.com:3307/kam')).toMatchObject({ host: 'db.example.com', port: 3307, database: 'kam' });
  });

  it('reads postgres:// and postgresql://, an IPv6 host and a password holding @ and :', () => {
    expect(parseDbUrl('postgres://siprc:s3:c@et@[::1]:5433/siprc')).toEqual({
      scheme: 'postgres',
      user: 'siprc',
      password: 's3:c@et',
      host: '::1',
      port: 5433,
      database: 'siprc',
      redacted: 'postgres://siprc:***@[::1]:5433/siprc',
    });
    expect(parseDbUrl('postgresql://h/db')).toEqual({ scheme: 'postgresql', host: 'h', database: 'db', redacted: 'postgresql://h/db' });
  });

  it('reads redis://host:port/N and redis://user@host:port/N', () => {
    expect(parseDbUrl('redis://127.0.0.1:6379/5')).toEqual({ scheme: 'redis', host: '127.0.0.1', port: 6379, database: '5', redacted: 'redis://127.0.0.1:6379/5' });
    expect(parseDbUrl('redis://kam@127.0.0.1:6379/7')).toMatchObject({ user: 'kam', database: '7' });
  });

  it('reads sqlite:///abs/path.db, and four slashes as the same file', () => {
    expect(parseDbUrl('sqlite:///etc/kamailio/kamailio.db')).toEqual({ scheme: 'sqlite', database: '/etc/kamailio/kamailio.db', redacted: 'sqlite:///etc/kamailio/kamailio.db' });
    expect(parseDbUrl('sqlite:////var/mydb.sqlite').database).toBe('/var/mydb.sqlite');
  });

  it.each([
    ['kamailio.db', 'expected scheme://'],
    ['oracle://u:p@h/db', 'unknown scheme "oracle"'],
    ['mysql://u:p@host', 'no database'],
    ['mysql://u:p@host/', 'database name after the host is empty'],
    ['mysql://u:p@host:99999/db', 'bad port "99999"'],
    ['mysql://u:p@host:x/db', 'bad port "x"'],
    ['mysql://u:p@[kamailio]/kamailio', 'my.cnf group'],
    ['mysql://u:p@/db', 'no host'],
    ['redis://h:6379/users', 'a number'],
    ['redis://h1:7000,h2:7000/', 'cluster'],
    ['sqlite://file.db', 'absolute path'],
    ['sqlite:///', 'no file'],
  ])('refuses %s, saying what is wrong', (url, reason) => {
    expect(() => parseDbUrl(url)).toThrow(DbUrlError);
    expect(() => parseDbUrl(url)).toThrow(reason);
  });

  it('never shows the password in its errors', () => {
    expect(() => parseDbUrl('mysql://u:topsecret@host:0/db')).toThrow('bad db_url "mysql://u:***@host:0/db": bad port "0"');
  });
});

describe('redact', () => {
  it('hides only the password', () => {
    expect(redact('mysql://u:pw@h/db')).toBe('mysql://u:***@h/db');
    expect(redact('mysql://u@h/db')).toBe('mysql://u@h/db');
    expect(redact('postgres://h:5432/db')).toBe('postgres://h:5432/db');
  });
});
