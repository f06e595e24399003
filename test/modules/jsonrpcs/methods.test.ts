// The modules' control methods through jsonrpcs on a served script: after a
// REGISTER, ul.dump/ul.lookup answer Kamailio 5.6.3's structure (the key
// lists below were read from its jsonrpcs answers on loopback), ul.add,
// ul.rm_contact and ul.rm change the table, sl.stats and tm.stats count, and
// stats.get_statistics reads the modules' groups.

import { createSocket } from 'node:dgram';
import { httpCall, runScript, type Running } from './harness.js';

const SCRIPT = `
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "jsonrpcs.so"
modparam("jsonrpcs", "transport", 1)
modparam("jsonrpcs", "http_socket", "127.0.0.1:28120")
request_route {
  if (method == "REGISTER") { save("location"); exit; }
  sl_send_reply("404", "Not Here");
}
`;

/** Kamailio 5.6.3's keys, in its order. */
const KAMAILIO_CONTACT_KEYS = ['Address', 'Expires', 'Q', 'Call-ID', 'CSeq', 'User-Agent', 'Received', 'Path', 'State', 'Flags', 'CFlags', 'Socket', 'Methods', 'Ruid', 'Instance', 'Reg-Id', 'Server-Id', 'Tcpconn-Id', 'Keepalive', 'Last-Keepalive', 'KA-Roundtrip', 'Last-Modified'];
const KAMAILIO_TM_STATS_KEYS = ['current', 'waiting', 'total', 'total_local', 'rpl_received', 'rpl_generated', 'rpl_sent', '6xx', '5xx', '4xx', '3xx', '2xx', 'created', 'freed', 'delayed_free'];
const KAMAILIO_SL_STATS_KEYS = ['200', '202', '2xx', '300', '301', '302', '3xx', '400', '401', '403', '404', '407', '408', '483', '4xx', '500', '5xx', '6xx', 'xxx'];

let ids = 0;
async function call(method: string, params: unknown[] = []): Promise<{ result?: any; error?: { code: number; message: string } }> {
  const { body } = await httpCall(28120, JSON.stringify({ jsonrpc: '2.0', method, params, id: ++ids }));
  return JSON.parse(body);
}

function send(port: number, text: string): Promise<string> {
  const s = createSocket('udp4');
  return new Promise((resolve) => {
    s.on('message', (m) => {
      s.close();
      resolve(m.toString('latin1'));
    });
    s.bind(28121, '127.0.0.1', () => s.send(text, port, '127.0.0.1'));
  });
}

const REGISTER = (port: number) =>
  `REGISTER sip:127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:28121;branch=z9hG4bK-rpc-1;rport\r\nFrom: <sip:alice@127.0.0.1>;tag=1\r\nTo: <sip:alice@127.0.0.1>\r\n` +
  'Call-ID: c1@x\r\nCSeq: 1 REGISTER\r\nContact: <sip:alice@127.0.0.1:28121>;expires=300\r\nUser-Agent: tester\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

describe('module control methods over jsonrpcs', () => {
  let run: Running;
  beforeAll(async () => {
    run = await runScript(SCRIPT);
    expect(await send(run.port, REGISTER(run.port))).toMatch(/^SIP\/2.0 200 OK/);
  });
  afterAll(() => run.stop());

  it("ul.dump: Kamailio's Domains/Domain/AoRs/Info/Contacts structure; brief lists the AoRs", async () => {
    const { result } = await call('ul.dump');
    const domain = result.Domains[0].Domain;
    expect(Object.keys(domain)).toEqual(['Domain', 'Size', 'AoRs', 'Stats']);
    expect(domain).toMatchObject({ Domain: 'location', Size: 1024, Stats: { Records: 1, 'Max-Slots': 1 } });
    const info = domain.AoRs[0].Info;
    expect(Object.keys(info)).toEqual(['AoR', 'HashID', 'Contacts']);
    expect(info.AoR).toBe('alice');
    const contact = info.Contacts[0].Contact;
    expect(Object.keys(contact)).toEqual(KAMAILIO_CONTACT_KEYS);
    expect(contact).toMatchObject({ Address: 'sip:alice@127.0.0.1:28121', Q: -1, 'Call-ID': 'c1@x', CSeq: 1, 'User-Agent': 'tester', Received: '[not set]', Path: '[not set]', Methods: 4294967295 });
    expect(contact.Expires).toBeGreaterThan(290);
    expect((await call('ul.dump', ['brief'])).result.Domains[0].Domain.AoRs).toEqual([{ AoR: 'alice' }]);
  });

  it("ul.lookup, ul.add, ul.rm_contact, ul.rm with Kamailio's faults", async () => {
    expect(Object.keys((await call('ul.lookup', ['location', 'alice'])).result)).toEqual(['AoR', 'Contacts']);
    expect((await call('ul.lookup', ['location', 'bob'])).error).toEqual({ code: 500, message: 'AOR not found in location table' });
    expect((await call('ul.lookup', ['location'])).error).toEqual({ code: 500, message: 'Not enough parameters (table and AOR to lookup)' });
    expect((await call('ul.lookup', ['nosuch', 'alice'])).error).toEqual({ code: 500, message: 'Domain table not found' });
    expect((await call('ul.add', ['location', 'carol', 'sip:carol@127.0.0.1:5099', 0, 1.0, '', 0, 0, 0])).result).toEqual({});
    expect((await call('ul.add', ['location', 'dave'])).error).toEqual({ code: 500, message: 'Not enough parameters or wrong format' });
    const carol = (await call('ul.lookup', ['location', 'carol'])).result.Contacts[0].Contact;
    expect(carol).toMatchObject({ Address: 'sip:carol@127.0.0.1:5099', Expires: 'permanent', Q: 1 });
    expect((await call('ul.rm_contact', ['location', 'carol', 'sip:x@y'])).error).toEqual({ code: 404, message: 'Contact not found' });
    expect((await call('ul.rm_contact', ['location', 'carol', 'sip:carol@127.0.0.1:5099'])).result).toEqual({});
    expect((await call('ul.lookup', ['location', 'carol'])).error?.code).toBe(500);
    expect((await call('ul.rm', ['location', 'alice'])).result).toEqual({});
    expect((await call('ul.dump')).result.Domains[0].Domain.AoRs).toEqual([]);
    expect((await call('stats.get_statistics', ['usrloc:'])).result).toContain('usrloc:location_contacts = 0');
  });

  it('sl.stats and tm.stats with Kamailio\'s keys; stats.get_statistics reads the module groups', async () => {
    const sl = (await call('sl.stats')).result;
    // The same keys; a JavaScript object lists integer-like keys first, so the order differs from Kamailio's.
    expect(Object.keys(sl).sort()).toEqual([...KAMAILIO_SL_STATS_KEYS].sort());
    expect(Object.keys((await call('tm.stats')).result)).toEqual(KAMAILIO_TM_STATS_KEYS);
    const all = (await call('stats.get_statistics', ['all'])).result as string[];
    expect(all).toEqual(expect.arrayContaining(['core:rcv_requests_register = 1', 'registrar:accepted_regs = 1']));
    expect(all.some((l) => l.startsWith('sl:sent_replies = '))).toBe(true);
    expect((await call('system.listMethods')).result).toEqual(expect.arrayContaining(['ul.dump', 'ul.lookup', 'ul.rm', 'ul.rm_contact', 'ul.add', 'ul.flush', 'sl.stats', 'tm.stats']));
  });
});
