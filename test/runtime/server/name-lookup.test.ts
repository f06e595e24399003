// The transports' name resolution: IPs at once, names the script gave
// (corex's dns_cache) from its records, others from the system.

import type { LookupAddress } from 'node:dns';
import { StaticNames } from '../../../runtime/exec/static-names.js';
import { nameLookup } from '../../../runtime/server/name-lookup.js';

function resolve(names: StaticNames, name: string, options: object | number = {}): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((done) => nameLookup(names)(name, options as never, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => done({ error, address, family })));
}

describe('nameLookup', () => {
  const names = new StaticNames();
  names.add({ name: 'uas.test', family: 4, address: '127.0.0.9', expires: Infinity });
  names.add({ name: 'uas.test', family: 6, address: '::1', expires: Infinity });
  names.add({ name: 'blocked.test', family: 4, address: undefined, expires: Infinity });
  names.add({ name: 'old.test', family: 4, address: '127.0.0.8', expires: Date.now() - 1 });

  it('answers an IP address at once, as it is', () => {
    let answered: unknown;
    nameLookup(names)('127.0.0.1', {}, (_e: unknown, address: string, family: number) => (answered = [address, family]));
    expect(answered).toEqual(['127.0.0.1', 4]);
  });

  it('answers a name the script gave from its records, by family, and as a list when asked for all', async () => {
    expect(await resolve(names, 'UAS.test')).toMatchObject({ error: null, address: '127.0.0.9', family: 4 });
    expect(await resolve(names, 'uas.test', 6)).toMatchObject({ error: null, address: '::1', family: 6 });
    expect(await resolve(names, 'uas.test', { all: true })).toMatchObject({ error: null, address: [{ address: '127.0.0.9', family: 4 }] });
  });

  it('fails a name marked unresolvable, naming why', async () => {
    const r = await resolve(names, 'blocked.test');
    expect(r.error?.code).toBe('ENOTFOUND');
    expect(r.error?.message).toMatch(/blocked\.test is marked unresolvable/);
  });

  it('leaves expired records and other names to the system resolver', async () => {
    expect(await resolve(names, 'localhost', 4)).toMatchObject({ error: null, address: '127.0.0.1' });
    const old = await resolve(names, 'old.test', 4);
    expect(old.address).not.toBe('127.0.0.8');
  });
});

describe('StaticNames', () => {
  it('never replaces a permanent record, and replaces others', () => {
    const names = new StaticNames();
    names.add({ name: 'a.test', family: 4, address: '127.0.0.2', expires: Infinity });
    names.add({ name: 'a.test', family: 4, address: '127.0.0.3', expires: Infinity });
    names.add({ name: 'b.test', family: 4, address: '127.0.0.4', expires: Date.now() + 1000 });
    names.add({ name: 'b.test', family: 4, address: '127.0.0.5', expires: Date.now() + 1000 });
    expect(names.find('a.test', 4)?.address).toBe('127.0.0.2');
    expect(names.find('b.test', 0)?.address).toBe('127.0.0.5');
  });
});
