// rr's Record-Route functions, run by `siprc exec` and read in the request
// forwarded. The expected headers are what Kamailio 5.6 wrote for the same
// scripts and request (captured on loopback): parameter order per function,
// a second header when the request leaves over another transport.

import { runScript, sipMessage } from '../run-script.js';

const HEAD = `debug=2
listen=udp:127.0.0.1:5760 name "sa"
listen=tcp:127.0.0.1:5760 name "sb"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "rr.so"
`;

const INVITE = sipMessage([
  'INVITE sip:bob@127.0.0.1:5790 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5771;branch=z9hG4bK-d1;rport',
  'Max-Forwards: 70',
  'From: "Alice A" <sip:alice@example.com>;tag=a1',
  'To: <sip:bob@example.org>',
  'Call-ID: c1@h',
  'CSeq: 10 INVITE',
  'Record-Route: <sip:10.0.0.1;lr>',
  'Content-Length: 0',
]);

/** The header lines of the one request the script forwarded, and its log lines. */
function forwarded(params: string, body: string, message = INVITE): { headers: string[]; logs: string[]; to: string } {
  const run = runScript(`${HEAD}${params}\nrequest_route {\n${body}\n}\n`, message, { source: '127.0.0.1:5771' });
  expect(run.stderr).toBe('');
  expect(run.sent).toHaveLength(1);
  return { headers: run.sent[0]!.text.split('\r\n\r\n')[0]!.split('\r\n').slice(1), logs: run.logs, to: run.sent[0]!.to };
}

const TO_TCP = '$du = "sip:127.0.0.1:5790;transport=tcp";';

describe('record_route', () => {
  it('puts the receiving socket first in the message, with lr, ftag, its params and add_rr_param\'s before and after', () => {
    const { headers, logs } = forwarded('', 'add_rr_param(";p1=a"); record_route(";sp=$rU"); add_rr_param(";p2=b"); xlog("L_ALERT", "rc=$rc\\n"); forward();');
    expect(headers.slice(0, 2)).toEqual(['Record-Route: <sip:127.0.0.1:5760;lr;ftag=a1;sp=bob;p1=a;p2=b>', expect.stringMatching(/^Via: SIP\/2.0\/UDP 127.0.0.1:5760;/)]);
    expect(headers).toContain('Record-Route: <sip:10.0.0.1;lr>');
    expect(logs).toEqual(['rc=1']);
  });

  it('adds a second header, sending socket first, when the request leaves over another transport', () => {
    const { headers, to } = forwarded('', `record_route(); add_rr_param(";c=3"); ${TO_TCP} forward();`);
    expect(to).toBe('tcp|127.0.0.1:5790');
    expect(headers.slice(0, 2)).toEqual(['Record-Route: <sip:127.0.0.1:5760;transport=tcp;r2=on;lr;ftag=a1;c=3>', 'Record-Route: <sip:127.0.0.1:5760;r2=on;lr;ftag=a1;c=3>']);
  });

  it('always doubles with enable_double_rr 2, names sockets in sockname mode and takes the user from custom_user_avp', () => {
    const params = 'modparam("rr","enable_double_rr",2)\nmodparam("rr","sockname_mode",1)\nmodparam("rr","add_username",1)\nmodparam("rr","custom_user_avp","$avp(rru)")';
    expect(forwarded(params, '$avp(rru) = "zed"; record_route(); forward();').headers.slice(0, 2)).toEqual([
      'Record-Route: <sip:zed@127.0.0.1:5760;sn=sa;r2=on;lr;ftag=a1>',
      'Record-Route: <sip:zed@127.0.0.1:5760;sn=sa;r2=on;lr;ftag=a1>',
    ]);
  });

  it('writes lr=on with enable_full_lr, the Request-URI user as received with add_username, no ftag without append_fromtag', () => {
    const params = 'modparam("rr","enable_full_lr",1)\nmodparam("rr","add_username",1)\nmodparam("rr","append_fromtag",0)';
    expect(forwarded(params, '$ru = "sip:x@127.0.0.1:5790"; record_route(); forward();').headers[0]).toBe('Record-Route: <sip:bob@127.0.0.1:5760;lr=on>');
  });

  it('names the advertised address of the sending socket, not of the receiving one', () => {
    expect(forwarded('', `set_advertised_address("8.8.8.8"); set_advertised_port(5999); record_route(); ${TO_TCP} forward();`).headers.slice(0, 2)).toEqual([
      'Record-Route: <sip:8.8.8.8:5999;transport=tcp;r2=on;lr;ftag=a1>',
      'Record-Route: <sip:127.0.0.1:5760;r2=on;lr;ftag=a1>',
    ]);
  });

  it('uses sips when the Request-URI is sips, unless ignore_sips', () => {
    const sips = INVITE.replace('INVITE sip:', 'INVITE sips:');
    expect(forwarded('', '$du = "sip:127.0.0.1:5790"; record_route(); forward();', sips).headers[0]).toBe('Record-Route: <sips:127.0.0.1:5760;lr;ftag=a1>');
    expect(forwarded('modparam("rr","ignore_sips",1)', '$du = "sip:127.0.0.1:5790"; record_route(); forward();', sips).headers[0]).toBe('Record-Route: <sip:127.0.0.1:5760;lr;ftag=a1>');
  });

  it('is refused a second time, even after remove_record_route, which takes the headers back', () => {
    const { headers, logs } = forwarded('', 'record_route(); remove_record_route(); xlog("L_ALERT", "rm=$rc\\n"); record_route_preset("1.2.3.4"); xlog("L_ALERT", "again=$rc\\n"); forward();');
    expect(logs).toEqual(['rm=1', 'again=-1']);
    expect(headers.filter((h) => h.startsWith('Record-Route'))).toEqual(['Record-Route: <sip:10.0.0.1;lr>']);
  });
});

describe('record_route_preset and record_route_advertised_address', () => {
  it('writes preset addresses as given, add_rr_param\'s earlier params before lr and later ones after', () => {
    expect(forwarded('', 'add_rr_param(";p0=0"); record_route_preset("1.2.3.4:5090;x=$rU", "5.6.7.8;r2=on"); add_rr_param(";pp=1"); forward();').headers.slice(0, 2)).toEqual([
      'Record-Route: <sip:1.2.3.4:5090;x=bob;ftag=a1;p0=0;lr;pp=1>',
      'Record-Route: <sip:5.6.7.8;r2=on;ftag=a1;p0=0;lr;pp=1>',
    ]);
  });

  it('doubles an advertised address with each socket\'s transport, UDP too', () => {
    expect(forwarded('', `add_rr_param(";pp=1"); record_route_advertised_address("adv.example.com:5080"); ${TO_TCP} forward();`).headers.slice(0, 2)).toEqual([
      'Record-Route: <sip:adv.example.com:5080;transport=tcp;r2=on;ftag=a1;lr;pp=1>',
      'Record-Route: <sip:adv.example.com:5080;transport=udp;r2=on;ftag=a1;lr;pp=1>',
    ]);
    expect(forwarded('', 'record_route_advertised_address("adv.example.com:5080"); forward();').headers[0]).toBe('Record-Route: <sip:adv.example.com:5080;ftag=a1;lr>');
  });
});
