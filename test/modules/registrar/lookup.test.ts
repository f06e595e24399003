// lookup() and its variants, registered(), unregister(), $ulc and the other
// commands, on contacts save() stored in the same run. Values as Kamailio
// 5.6.3 gave them on loopback for the same registrations (Path as the
// destination, the next contact as a branch, unregister answering 1 even
// when nothing was there, $ulc's attributes).

import { Registrar, register, registrarScript, HEAD } from './harness.js';

describe('lookup()', () => {
  it('rewrites the Request-URI with the highest-q contact, its first Path hop as $du, the rest as branches', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "use_path", 1)\nmodparam("registrar", "path_mode", 1)'));
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1:5060>;expires=300']));
    const [r] = p.send(register('bob', ['Contact: <sip:bob@10.0.0.2:5060>;q=0.8', 'Path: <sip:p1@127.0.0.1:24080;lr>, <sip:p2@127.0.0.1:24081;lr>', 'Supported: path']));
    expect(r!.headers).toContain('Path: <sip:p1@127.0.0.1:24080;lr>, <sip:p2@127.0.0.1:24081;lr>');
    p.takeLogs();
    const [moved] = p.send(register('bob', [], { method: 'INVITE' }));
    expect(p.logged('lookup')).toEqual(['lookup rc=1 ru=sip:bob@10.0.0.2:5060 du=sip:p1@127.0.0.1:24080;lr bf=0 br=sip:bob@10.0.0.1:5060']);
    expect(moved!.status).toBe('SIP/2.0 302 Moved');
  });

  it('adds the Path as Route headers after the last Via of the request it forwards', () => {
    const p = new Registrar(`${HEAD}modparam("registrar", "use_path", 1)
request_route {
  if (method == "REGISTER") { save("location"); exit; }
  lookup("location");
  forward();
}
`);
    p.send(register('bob', ['Contact: <sip:bob@127.0.0.1:24090>', 'Path: <sip:p1@127.0.0.1:24080;lr>', 'Supported: path']));
    p.receive(register('bob', [], { method: 'MESSAGE' }), '127.0.0.1:24070');
    const [out] = p.take();
    expect(out!.to).toBe('127.0.0.1:24080');
    const lines = out!.text.split('\r\n');
    expect(lines[0]).toBe('MESSAGE sip:bob@127.0.0.1:24090 SIP/2.0');
    expect(lines.findIndex((l) => l.startsWith('Route: '))).toBe(lines.findLastIndex((l) => l.startsWith('Via: ')) + 1);
    expect(lines).toContain('Route: <sip:p1@127.0.0.1:24080;lr>');
  });

  it('returns -1 without contacts, -2 when none accepts the method (method_filtering), and only the first contact without append_branches', () => {
    const p = new Registrar(registrarScript('modparam("registrar", "method_filtering", 1)\nmodparam("registrar", "append_branches", 0)'));
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1>;q=0.9', 'Allow: INVITE, ACK, BYE']));
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.2>;q=0.1', 'Allow: INVITE, MESSAGE']));
    p.takeLogs();
    p.send(register('nobody', [], { method: 'INVITE' }));
    p.send(register('bob', [], { method: 'SUBSCRIBE' }));
    p.send(register('bob', [], { method: 'MESSAGE' }));
    p.send(register('bob', [], { method: 'INVITE' }));
    // Within a dialog (a To tag) methods are not filtered.
    p.send(register('bob', [], { method: 'SUBSCRIBE', toTag: 'x' }));
    expect(p.logged('lookup')).toEqual([
      'lookup rc=-1 ru=sip:nobody@127.0.0.1 du=<null> bf=0 br=<null>',
      'lookup rc=-2 ru=sip:bob@127.0.0.1 du=<null> bf=0 br=<null>',
      'lookup rc=1 ru=sip:bob@10.0.0.2 du=<null> bf=0 br=<null>',
      'lookup rc=1 ru=sip:bob@10.0.0.1 du=<null> bf=0 br=<null>',
      'lookup rc=1 ru=sip:bob@10.0.0.1 du=<null> bf=0 br=<null>',
    ]);
  });

  it('restores the branch flags save() stored, and finds a contact by its GRUU', () => {
    const p = new Registrar(registrarScript('loadmodule "kex.so"', 'setbflag(3); save("location")'));
    p.send(register('eve', ['Contact: <sip:eve@10.0.0.5>;+sip.instance="<urn:uuid:e1>"', 'Supported: gruu']));
    p.send(register('eve', ['Contact: <sip:eve@10.0.0.6>;q=1']));
    p.takeLogs();
    p.receive(register('eve', [], { method: 'INVITE' }).replace('INVITE sip:eve@127.0.0.1', 'INVITE sip:eve@127.0.0.1;gr=urn:uuid:e1'), '127.0.0.1:24070');
    expect(p.logged('lookup')).toEqual(['lookup rc=1 ru=sip:eve@10.0.0.5 du=<null> bf=8 br=<null>']);
  });

  it('lookup_to_dset keeps the Request-URI and adds every contact as a branch; lookup_branches looks up plain branches too', () => {
    const p = new Registrar(`${HEAD}loadmodule "corex.so"
request_route {
  if (method == "REGISTER") { save("location"); exit; }
  if ($rU == "dset") { lookup_to_dset("location", "sip:bob@127.0.0.1"); xlog("L_INFO", "dset rc=$rc ru=$ru br=$(branch(uri)[0]),$(branch(uri)[1])\\n"); exit; }
  append_branch("sip:carol@127.0.0.1");
  lookup_branches("location");
  xlog("L_INFO", "branches rc=$rc ru=$ru br=$(branch(uri)[0]),$(branch(uri)[1])\\n");
}
`);
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1>;q=0.9, <sip:bob@10.0.0.2>;q=0.5']));
    p.send(register('carol', ['Contact: <sip:carol@10.0.0.3>']));
    p.takeLogs();
    p.send(register('dset', [], { method: 'INVITE' }));
    p.send(register('bob', [], { method: 'INVITE' }));
    expect(p.logged('')).toEqual(['dset rc=1 ru=sip:dset@127.0.0.1 br=sip:bob@10.0.0.1,sip:bob@10.0.0.2', 'branches rc=1 ru=sip:bob@10.0.0.1 br=sip:bob@10.0.0.2,sip:carol@10.0.0.3']);
  });
});

describe('registered(), unregister(), reg_fetch_contacts() and $ulc', () => {
  const script = `${HEAD}modparam("registrar", "xavp_rcd", "ulrcd")
modparam("registrar", "xavp_cfg", "reg")
request_route {
  if (method == "REGISTER") { save("location"); exit; }
  if ($rU == "fetch") {
    reg_fetch_contacts("location", "sip:bob@127.0.0.1", "c");
    xlog("L_INFO", "fetch rc=$rc count=$ulc(c=>count) aor=$ulc(c=>aor) domain=$ulc(c=>domain)\\n");
    $var(i) = 0;
    while ($var(i) < $ulc(c=>count)) {
      xlog("L_INFO", "[$var(i)] addr=$(ulc(c=>addr)[$var(i)]) path=$(ulc(c=>path)[$var(i)]) q=$(ulc(c=>q)[$var(i)]) cseq=$(ulc(c=>cseq)[$var(i)]) flags=$(ulc(c=>flags)[$var(i)]) ua=$(ulc(c=>user_agent)[$var(i)]) sock=$(ulc(c=>socket)[$var(i)]) methods=$(ulc(c=>methods)[$var(i)]) regid=$(ulc(c=>regid)[$var(i)]) inst=$(ulc(c=>instance)[$var(i)]) conid=$(ulc(c=>conid)[$var(i)]) callid=$(ulc(c=>callid)[$var(i)])\\n");
      $var(i) = $var(i) + 1;
    }
    reg_fetch_contacts("location", "sip:nobody@127.0.0.1", "d");
    xlog("L_INFO", "fetch2 rc=$rc count=$ulc(d=>count)\\n");
    reg_free_contacts("c");
    xlog("L_INFO", "freed count=$ulc(c=>count)\\n");
    exit;
  }
  if ($rU == "reg") {
    registered("location", "sip:bob@127.0.0.1"); xlog("L_INFO", "registered rc=$rc x=$xavp(ulrcd=>contact)\\n");
    registered("location", "sip:nobody@127.0.0.1"); xlog("L_INFO", "registered2 rc=$rc\\n");
    $xavp(reg=>match_callid) = "other";
    registered("location", "sip:bob@127.0.0.1", 1); xlog("L_INFO", "registered3 rc=$rc\\n");
    exit;
  }
  unregister("location", "sip:bob@127.0.0.1"); xlog("L_INFO", "unreg rc=$rc\\n");
  unregister("location", "sip:bob@127.0.0.1"); xlog("L_INFO", "unreg2 rc=$rc\\n");
  registered("location", "sip:bob@127.0.0.1"); xlog("L_INFO", "after rc=$rc\\n");
}
`;

  it('answer as Kamailio does', () => {
    const p = new Registrar(script);
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1:5060>;expires=300', 'User-Agent: phone/1', 'Allow: INVITE, ACK, BYE'], { cseq: 1 }));
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.2:5060>;q=0.8'], { cseq: 2 }));
    p.takeLogs();
    p.send(register('fetch', [], { method: 'INVITE' }));
    p.send(register('reg', [], { method: 'INVITE' }));
    p.send(register('unreg', [], { method: 'INVITE' }));
    expect(p.logged('')).toEqual([
      'fetch rc=1 count=2 aor=bob domain=location',
      '[0] addr=sip:bob@10.0.0.2:5060 path= q=800 cseq=2 flags=0 ua=n/a sock=udp:127.0.0.1:5060 methods=4294967295 regid=0 inst=<null> conid=<null> callid=reg-bob',
      '[1] addr=sip:bob@10.0.0.1:5060 path= q=-1 cseq=1 flags=0 ua=phone/1 sock=udp:127.0.0.1:5060 methods=13 regid=0 inst=<null> conid=<null> callid=reg-bob',
      'fetch2 rc=-1 count=<null>',
      'freed count=<null>',
      'registered rc=1 x=sip:bob@10.0.0.2:5060',
      'registered2 rc=-1',
      'registered3 rc=-1',
      'unreg rc=1',
      'unreg2 rc=1',
      'after rc=-1',
    ]);
  });
});

describe('save() flags and the other commands', () => {
  it('0x02 keeps the reply for reg_send_reply(); 0x04 keeps one contact per AOR; add_sock_hdr names the arrival socket', () => {
    const p = new Registrar(`${HEAD}
request_route {
  if (method == "REGISTER") {
    save("location", "0x06");
    xlog("L_INFO", "saved rc=$rc\\n");
    reg_send_reply();
    exit;
  }
  add_sock_hdr("Sock-Info");
  forward("127.0.0.1", 24099);
}
`);
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1>']));
    const [r] = p.send(register('bob', ['Contact: <sip:bob@10.0.0.2>']));
    expect(r!.headers).toEqual(['Contact: <sip:bob@10.0.0.2>;expires=3600']);
    expect(p.logged('saved')).toEqual(['saved rc=1', 'saved rc=1']);
    p.receive(register('x', [], { method: 'OPTIONS' }), '127.0.0.1:24070');
    expect(p.take()[0]!.text).toContain('\r\nSock-Info: udp:127.0.0.1:5060\r\n');
  });
});

describe('event_route[usrloc:contact-expired]', () => {
  it('runs for each contact the timer removes, with $ulc(exp=>...) holding it', async () => {
    const p = new Registrar(`${HEAD}
request_route { save("location"); exit; }
event_route[usrloc:contact-expired] { xlog("L_INFO", "expired $ulc(exp=>aor) $ulc(exp=>addr) in $ulc(exp=>domain)\\n"); }
`);
    p.send(register('bob', ['Contact: <sip:bob@10.0.0.1>;expires=100, <sip:bob@10.0.0.2>;expires=900']));
    p.takeLogs();
    const t0 = p.usrloc.now();
    p.usrloc.now = () => t0 + 101;
    await p.usrloc.runTimer();
    expect(p.logged('expired')).toEqual(['expired bob sip:bob@10.0.0.1 in location']);
  });
});
