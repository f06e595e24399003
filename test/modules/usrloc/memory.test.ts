// usrloc in memory (db_mode 0): the expiry timer on a moved clock, the
// statistics it keeps (registered_users, <table>_users/contacts/expires),
// matching_mode and desc_time_order.

import { lookup } from '../../../modules/registrar/lookup.js';
import { save } from '../../../modules/registrar/save.js';
import { register } from '../registrar/harness.js';
import { contextOf, registrarOver, replyOf, startUsrloc } from './direct.js';

const saveAs = (r: ReturnType<typeof registrarOver>, user: string, lines: string[], cseq: number, callId?: string) => {
  const ctx = contextOf(register(user, lines, { cseq, callId }));
  const rc = save(ctx, r, 'location', 0);
  return { rc, reply: replyOf(ctx) };
};

describe('usrloc in memory', () => {
  it('drops expired contacts on the timer, counting users, contacts and expires', async () => {
    const ul = await startUsrloc({});
    const r = registrarOver(ul);
    const t0 = ul.now();
    saveAs(r, 'a', ['Contact: <sip:a@10.0.0.1>;expires=100, <sip:a@10.0.0.2>;expires=300'], 1);
    saveAs(r, 'b', ['Contact: <sip:b@10.0.0.3>;expires=100'], 1);
    expect([ul.stats.get('registered_users'), ul.stats.get('location_users'), ul.stats.get('location_contacts')]).toEqual([2, 2, 3]);
    // Past its expires a contact is no longer used, even before the timer removes it.
    ul.now = () => t0 + 150;
    const inv = contextOf(register('b', [], { method: 'INVITE' }));
    expect(lookup(inv, r, 'location')).toBe(-1);
    await ul.runTimer();
    expect([ul.stats.get('registered_users'), ul.stats.get('location_users'), ul.stats.get('location_contacts'), ul.stats.get('location_expires')]).toEqual([1, 1, 1, 2]);
    expect(saveAs(r, 'a', [], 2).reply.contact).toBe('Contact: <sip:a@10.0.0.2>;expires=150');
    await ul.stop();
  });

  it('matching_mode 1 tells contacts apart by Call-ID; matching_mode 3 by Call-ID alone', async () => {
    const byCallid = registrarOver(await startUsrloc({ matching_mode: 1 }));
    saveAs(byCallid, 'c', ['Contact: <sip:c@10.0.0.1>'], 1, 'one');
    expect(saveAs(byCallid, 'c', ['Contact: <sip:c@10.0.0.1>;q=0.5'], 1, 'two').reply.contact).toBe('Contact: <sip:c@10.0.0.1>;q=0.5;expires=3600, <sip:c@10.0.0.1>;expires=3600');
    const callidOnly = registrarOver(await startUsrloc({ matching_mode: 3 }));
    saveAs(callidOnly, 'c', ['Contact: <sip:c@10.0.0.1>'], 1, 'one');
    expect(saveAs(callidOnly, 'c', ['Contact: <sip:c@10.0.0.9>'], 2, 'one').reply.contact).toBe('Contact: <sip:c@10.0.0.9>;expires=3600');
  });

  it('desc_time_order lists the last changed contact first, whatever its q', async () => {
    const r = registrarOver(await startUsrloc({ desc_time_order: 1 }));
    saveAs(r, 'd', ['Contact: <sip:d@10.0.0.1>;q=1'], 1);
    expect(saveAs(r, 'd', ['Contact: <sip:d@10.0.0.2>;q=0.1'], 2).reply.contact).toBe('Contact: <sip:d@10.0.0.2>;q=0.1;expires=3600, <sip:d@10.0.0.1>;q=1;expires=3600');
  });

  it('refuses parameters it does not implement, naming them', async () => {
    await expect(startUsrloc({ ka_mode: 1 })).rejects.toThrow('ka_mode: keepalives to contacts are not implemented in siprc');
    expect(() => registrarOver(undefined as never, { outbound_mode: 1 })).toThrow('outbound_mode: SIP outbound (RFC 5626) is not implemented in siprc');
  });
});
