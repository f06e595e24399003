// The auth commands in scripts (siprc alone): challenges sent through tm's
// transaction when one exists (a retransmission gets the same 401 again)
// or statelessly with force_stateless_reply, consume_credentials removing
// the credentials that were checked from what is forwarded, is_user seeing
// their user, a flags variable that holds no integer, and a script that
// loads auth without sl.

import { Proxy, request, UAC } from '../tm/proxy.js';
import { runScript, sipMessage } from '../run-script.js';
import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { answer, parseChallenge } from './digest-client.js';

const HEAD = `loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "siputils.so"
loadmodule "auth.so"
modparam("auth", "secret", "s3cr3t")
`;

const toTag = (text: string): string | undefined => /^To:.*;tag=([^;\r\n]+)/m.exec(text)?.[1];

describe('challenges', () => {
  it('go through the transaction when the script made one: a retransmission gets the same 401', () => {
    const p = new Proxy(`${HEAD}request_route { if (!t_newtran()) exit; www_challenge("example.com", "1"); }`);
    const register = request('REGISTER', { branch: 'z9hG4bKr1' });
    p.receive(register, UAC);
    const [first] = p.take();
    expect(first!.text).toMatch(/^SIP\/2\.0 401 Unauthorized\r\n/);
    expect(first!.text).toMatch(/\r\nWWW-Authenticate: Digest realm="example.com", nonce="[A-Za-z0-9_-]+", qop="auth"\r\n/);
    p.receive(register, UAC);
    const again = p.take();
    expect(again.map((o) => o.text)).toEqual([first!.text]);
  });

  it('are stateless with force_stateless_reply, or without a transaction: sl To tags', () => {
    const stateless = new Proxy(`${HEAD}modparam("auth", "force_stateless_reply", 1)\nrequest_route { t_newtran(); proxy_challenge("example.com", "0"); }`);
    const plain = new Proxy(`${HEAD}request_route { sl_send_reply("407", "x"); }`);
    const stateful = new Proxy(`${HEAD}request_route { t_newtran(); proxy_challenge("example.com", "0"); }`);
    const invite = request('INVITE', { branch: 'z9hG4bKi1' });
    for (const p of [stateless, plain, stateful]) p.receive(invite, UAC);
    const [a, b, c] = [stateless, plain, stateful].map((p) => p.take().find((o) => o.text.startsWith('SIP/2.0 407'))!.text);
    expect(a).toMatch(/\r\nProxy-Authenticate: Digest realm="example.com", nonce="[^"]+"\r\n/);
    expect(toTag(a!)).toBe(toTag(b!));
    expect(toTag(c!)).not.toBe(toTag(b!));
  });

  it('with flags that are no integer: a 500 and -1', () => {
    const run = runScript(`loadmodule "sl.so"\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "auth.so"\nrequest_route { $var(f) = "abc"; www_challenge("example.com", "$var(f)"); xlog("L_ERR", "rc=$rc\\n"); }`, sipMessage(['OPTIONS sip:example.com SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>', 'Call-ID: x', 'CSeq: 1 OPTIONS', 'Content-Length: 0']));
    expect(run.sent.map((s) => s.text.split('\r\n')[0])).toEqual(['SIP/2.0 500 Internal Server Error']);
    expect(run.logs).toContain('rc=-1');
  });
});

describe('credentials that were checked', () => {
  it('are removed by consume_credentials, and is_user sees their user', () => {
    const p = new Proxy(`${HEAD}request_route {
	if (!pv_proxy_authenticate("example.com", "secret", "0")) { proxy_challenge("example.com", "0"); exit; }
	if (is_user("alice")) xlog("L_ERR", "is alice\\n");
	consume_credentials();
	forward("127.0.0.1", 5080);
}`);
    p.receive(request('MESSAGE', { branch: 'z9hG4bKm1' }), UAC);
    const challenge = parseChallenge(/\r\nProxy-Authenticate: (.*)\r\n/.exec(p.take()[0]!.text)![1]!);
    const auth = answer(challenge, { method: 'MESSAGE', uri: 'sip:bob@127.0.0.1' });
    p.receive(request('MESSAGE', { branch: 'z9hG4bKm2', extra: [`Proxy-Authorization: ${auth}`, 'Proxy-Authorization: Digest username="x", realm="other.org", nonce="n", uri="sip:a", response="r"'] }), UAC);
    const forwarded = p.take().find((o) => o.to === '127.0.0.1:5080')!.text;
    expect(p.takeLogs()).toContain('<script>: is alice');
    expect(forwarded).not.toContain('realm="example.com"');
    expect(forwarded).toContain('Proxy-Authorization: Digest username="x", realm="other.org"');
  });

  it('consume_credentials without a check before it: -1', () => {
    const run = runScript(`loadmodule "sl.so"\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "auth.so"\nrequest_route { consume_credentials(); xlog("L_ERR", "rc=$rc\\n"); }`, sipMessage(['OPTIONS sip:example.com SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>', 'Call-ID: x', 'CSeq: 1 OPTIONS', 'Authorization: Digest username="a", realm="example.com", nonce="n", uri="sip:a", response="r"', 'Content-Length: 0']));
    expect(run.logs).toEqual(['rc=-1']);
  });
});

describe('starting', () => {
  it('refuses a script that loads auth without sl', () => {
    const run = runScript('loadmodule "auth.so"\nrequest_route { drop; }', sipMessage(['OPTIONS sip:example.com SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>', 'Call-ID: x', 'CSeq: 1 OPTIONS', 'Content-Length: 0']));
    expect(run.stderr).toMatch(/module auth cannot start: auth replies through sl: load module sl/);
  });
});

describe('in the checker', () => {
  const codes = (script: string): string[] =>
    codesOf(`loadmodule "pv.so"\nloadmodule "sl.so"\nloadmodule "tm.so"\nloadmodule "auth.so"\n${script}`, { modules: builtinModules }).map((c) => c.split('@')[0]!);

  it('allows each command only where Kamailio 5.6 does (kamailio -c: "misused command")', () => {
    expect(codes('request_route { t_on_failure("F"); t_on_reply("R"); t_on_branch("B"); }\nfailure_route[F] { www_challenge("a", "0"); }\nonreply_route[R] { proxy_challenge("a", "0"); }\nreply_route { auth_challenge("a", "0"); }\nbranch_route[B] { drop; }')).toEqual([]);
    expect(codes('request_route { t_on_branch("B"); }\nbranch_route[B] { www_challenge("a", "0"); }')).toEqual(['E0603']);
    for (const call of ['consume_credentials()', 'has_credentials("a")', 'pv_www_authenticate("a", "b", "0")', 'pv_auth_check("a", "b", "0", "1")', 'auth_get_www_authenticate("a", "0", "$var(x)")']) {
      expect(codes(`request_route { ${call}; t_on_failure("F"); }\nfailure_route[F] { ${call}; }`)).toEqual(['E0603']);
    }
  });
});
