// save() on REGISTERs in a row, served offline with usrloc in memory: the
// replies (RFC 3261 10.3: the 200 lists every current contact with its
// expires; 423 with Min-Expires; 400 with the reason; 503 over
// max_contacts) and return codes of the first five tests were recorded
// from Kamailio 5.6.3 on loopback given the same REGISTERs (registrar and
// usrloc defaults unless set below); the last ones follow the parameters'
// documentation. Where siprc answers differently on purpose (a malformed
// Expires is refused) the test says so.

import { Registrar, register, registrarScript } from './harness.js';

const contacts = (r: { headers: string[] }): string | undefined => r.headers.find((h) => h.startsWith('Contact: '));

describe('save()', () => {
  it('lists every contact with q and remaining expires, ordered by q, new ones after those of equal q', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "min_expires_mode", 1)\nmodparam("registrar", "max_contacts", 3)'));
    let [r] = p.send(register('alice', ['Contact: <sip:alice@127.0.0.1:24070>;expires=300']));
    expect(r!.status).toBe('SIP/2.0 200 OK');
    expect(contacts(r!)).toBe('Contact: <sip:alice@127.0.0.1:24070>;expires=300');
    [r] = p.send(register('alice', ['Contact: "A" <sip:alice@127.0.0.1:24071;transport=udp>;q=0.5, <sip:alice@127.0.0.1:24072>', 'Expires: 600']));
    expect(contacts(r!)).toBe('Contact: <sip:alice@127.0.0.1:24071;transport=udp>;q=0.5;expires=600, <sip:alice@127.0.0.1:24070>;expires=300, <sip:alice@127.0.0.1:24072>;expires=600');
    expect(p.logged('save')).toEqual(['save rc=1', 'save rc=1']);
    // A fourth contact: over max_contacts, 503 with the contacts as they are.
    [r] = p.send(register('alice', ['Contact: <sip:alice@127.0.0.1:24073>;expires=10']));
    expect(r).toEqual({
      status: 'SIP/2.0 503 Service Unavailable',
      headers: [
        'Contact: <sip:alice@127.0.0.1:24071;transport=udp>;q=0.5;expires=600, <sip:alice@127.0.0.1:24070>;expires=300, <sip:alice@127.0.0.1:24072>;expires=600',
        'P-Registrar-Error: Too many registered contacts',
      ],
    });
    [r] = p.send(register('alice', ['Contact: <sip:alice@127.0.0.1:24073>;q=2']));
    expect(r!.status).toBe('SIP/2.0 400 Bad Request');
    expect(r!.headers.at(-1)).toBe('P-Registrar-Error: Invalid q param in contact');
    // No Contact: the bindings are listed (rc 4).
    [r] = p.send(register('alice', []));
    expect(r!.status).toBe('SIP/2.0 200 OK');
    expect(contacts(r!)).toMatch(/^Contact: <sip:alice@127.0.0.1:24071;transport=udp>;q=0.5;expires=600, /);
    // `*` needs Expires: 0.
    [r] = p.send(register('alice', ['Contact: *']));
    expect(r).toEqual({ status: 'SIP/2.0 400 Bad Request', headers: ['P-Registrar-Error: * used in contact and expires is not zero'] });
    [r] = p.send(register('alice', ['Contact: *', 'Expires: 0']));
    expect(r).toEqual({ status: 'SIP/2.0 200 OK', headers: [] });
    expect(p.logged('save')).toEqual(['save rc=-2', 'save rc=-1', 'save rc=4', 'save rc=-1', 'save rc=3']);
    expect(p.usrloc.domain('location').get('alice')).toBeUndefined();
  });

  it('answers 423 with Min-Expires below min_expires, and 400 for a Contact that does not parse', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "min_expires_mode", 1)'));
    expect(p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24073>;expires=10']))).toEqual([
      { status: 'SIP/2.0 423 Interval Too Brief', headers: ['Min-Expires: 60', 'P-Registrar-Error: Interval too brief'] },
    ]);
    expect(p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24073']))).toEqual([{ status: 'SIP/2.0 400 Bad Request', headers: ['P-Registrar-Error: Contact parse error'] }]);
    expect(p.logged('save')).toEqual(['save rc=-1', 'save rc=-1']);
  });

  it('raises an expires below min_expires (min_expires_mode 0) and caps one above max_expires', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "max_expires", 900)'));
    const [r] = p.send(register('carol', ['Contact: <sip:carol@127.0.0.1:1>;expires=10, <sip:carol@127.0.0.1:2>;expires=5000']));
    expect(contacts(r!)).toBe('Contact: <sip:carol@127.0.0.1:1>;expires=60, <sip:carol@127.0.0.1:2>;expires=900');
  });

  it('treats the same Call-ID and CSeq as a retransmission (nothing changes), a lower CSeq as out of order (400)', () => {
    const p = new Registrar(registrarScript());
    p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24074>;q=0.1;expires=100'], { cseq: 5 }));
    let [r] = p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24074>;q=0.3'], { cseq: 5 }));
    expect(contacts(r!)).toBe('Contact: <sip:bob@127.0.0.1:24074>;q=0.1;expires=100');
    [r] = p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24074>;q=0.3'], { cseq: 4 }));
    expect(r!.status).toBe('SIP/2.0 400 Bad Request');
    expect(r!.headers.at(-1)).toBe('P-Registrar-Error: Invalid CSeq number');
    [r] = p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24074>;expires=0'], { cseq: 6 }));
    expect(r).toEqual({ status: 'SIP/2.0 200 OK', headers: [] });
    expect(p.logged('save')).toEqual(['save rc=1', 'save rc=2', 'save rc=-1', 'save rc=3']);
  });

  it('lists received, GRUUs (when the UA supports them), +sip.instance and reg-id', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "received_avp", "$avp(rcv)")', '$avp(rcv) = "sip:127.0.0.1:24070"; save("location")'));
    const [r] = p.send(register('gru', ['Contact: <sip:g@10.0.0.1:5060>;+sip.instance="<urn:uuid:abc>";reg-id=2;expires=300', 'Supported: gruu']));
    const ruid = p.usrloc.domain('location').get('gru') as { contacts: Array<{ ruid: string }> };
    expect(contacts(r!)).toMatch(
      new RegExp(
        `^Contact: <sip:g@10\\.0\\.0\\.1:5060>;expires=300;received="sip:127\\.0\\.0\\.1:24070";pub-gruu="sip:gru@127\\.0\\.0\\.1;gr=urn:uuid:abc";temp-gruu="sip:${ruid.contacts[0]!.ruid}-[0-9a-f]+@127\\.0\\.0\\.1;gr";\\+sip\\.instance="<urn:uuid:abc>";reg-id=2$`,
      ),
    );
    // The same instance and reg-id from another address replaces the binding.
    const [r2] = p.send(register('gru', ['Contact: <sip:g@10.0.0.9:5060>;+sip.instance="<urn:uuid:abc>";reg-id=2;expires=300']));
    expect(contacts(r2!)).toBe('Contact: <sip:g@10.0.0.9:5060>;expires=300;received="sip:127.0.0.1:24070";+sip.instance="<urn:uuid:abc>";reg-id=2');
  });

  it('refuses a malformed Expires header or expires parameter with 400 (Kamailio falls back to default_expires)', () => {
    const p = new Registrar(registrarScript());
    expect(p.send(register('dan', ['Contact: <sip:dan@127.0.0.1:1>', 'Expires: xyz']))).toEqual([{ status: 'SIP/2.0 400 Bad Request', headers: ['P-Registrar-Error: Expires parse error'] }]);
    expect(p.send(register('dan', ['Contact: <sip:dan@127.0.0.1:1>;expires=abc']))).toEqual([{ status: 'SIP/2.0 400 Bad Request', headers: ['P-Registrar-Error: Invalid expires param in contact'] }]);
  });

  it('takes expires, q and max_contacts from $xavp(<xavp_cfg>=>...), and the socket from sock_hdr_name when sock_flag is set', () => {
    const p = new Registrar(
      registrarScript(
        'loadmodule "kex.so"\nmodparam("registrar", "xavp_cfg", "reg")\nmodparam("registrar", "sock_flag", 18)\nmodparam("registrar", "sock_hdr_name", "Sock-Info")',
        '$xavp(reg=>expires) = 600; $xavp(reg[0]=>q) = 300; $xavp(reg[0]=>max_contacts) = 1; setflag(18); save("location")',
      ),
    );
    let [r] = p.send(register('fay', ['Contact: <sip:fay@10.0.0.1>;expires=60;q=1', 'Sock-Info: udp:192.0.2.1:5060']));
    expect(r!.headers).toEqual(['Contact: <sip:fay@10.0.0.1>;q=0.3;expires=600']);
    const record = p.usrloc.domain('location').get('fay') as unknown as { contacts: Array<{ socket: string }> };
    expect(record.contacts[0]!.socket).toBe('udp:192.0.2.1:5060');
    [r] = p.send(register('fay', ['Contact: <sip:fay@10.0.0.2>']));
    expect(r!.status).toBe('SIP/2.0 503 Service Unavailable');
  });

  it('spreads an expires over expires_range percent below it, unless save() has flag 0x08', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "expires_range", 50)', 'if ($rU == "exact") { save("location", "0x08"); } else { save("location"); }'));
    for (let i = 0; i < 20; i++) {
      const [r] = p.send(register(`g${i}`, ['Contact: <sip:g@10.0.0.1>;expires=1000']));
      const e = Number(/expires=(\d+)/.exec(r!.headers[0]!)![1]);
      expect(e).toBeGreaterThanOrEqual(500);
      expect(e).toBeLessThanOrEqual(1000);
    }
    const exact = register('exact', ['Contact: <sip:g@10.0.0.1>;expires=1000']).replace('REGISTER sip:127.0.0.1', 'REGISTER sip:exact@127.0.0.1');
    expect(p.send(exact)[0]!.headers).toEqual(['Contact: <sip:g@10.0.0.1>;expires=1000']);
  });
});
