// The nonces and their judgement (modules/auth/nonce.ts, engine.ts,
// replay.ts) on a clock the test moves: a nonce verifies until it expires,
// a changed or foreign one is not ours, one from the future beyond the
// drift is stale, extra checks bind it to the message parts, and the
// replay tables refuse a repeated nc, a second use of a one-time nonce, and
// forget the oldest nonces when more are handed out than they hold.

import { readConfig } from '../../../modules/auth/config.js';
import type { DigestCredentials } from '../../../modules/auth/digest.js';
import { AuthEngine } from '../../../modules/auth/engine.js';
import { ExecContext } from '../../../runtime/exec/context.js';
import { SipMessage } from '../../../runtime/sip/message.js';

const DEFAULTS: Record<string, number | string> = {
  secret: 'the secret of this test',
  nonce_expire: 300,
  nonce_auth_max_drift: 3,
  auth_checks_register: 0,
  auth_checks_no_dlg: 0,
  auth_checks_in_dlg: 0,
  qop: '',
  nonce_count: 0,
  one_time_nonce: 0,
  nid_pool_no: 1,
  nc_array_size: 1048576,
  nc_array_order: 0,
  otn_in_flight_no: 1048576,
  otn_in_flight_order: 0,
  force_stateless_reply: 0,
  realm_prefix: '',
  use_domain: 0,
  algorithm: '',
  add_authinfo_hdr: 0,
};

function engine(params: Record<string, number | string> = {}, now = 1_000_000): AuthEngine {
  const e = new AuthEngine(readConfig(new Map(Object.entries({ ...DEFAULTS, ...params }))));
  e.now = () => now;
  return e;
}

function ctx(options: { method?: string; callId?: string; toTag?: string; source?: string } = {}): ExecContext {
  const method = options.method ?? 'REGISTER';
  const text = [
    `${method} sip:example.com SIP/2.0`,
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
    'From: <sip:alice@example.com>;tag=f1',
    `To: <sip:alice@example.com>${options.toTag ? `;tag=${options.toTag}` : ''}`,
    `Call-ID: ${options.callId ?? 'c1'}`,
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return new ExecContext(SipMessage.parse(Buffer.from(text, 'latin1')) as SipMessage, { address: options.source ?? '127.0.0.1', port: 5070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [] });
}

const creds = (nonce: string, nc?: string): DigestCredentials => ({ username: 'alice', realm: 'example.com', nonce, uri: 'sip:example.com', response: 'x', algorithm: undefined, qop: nc ? 'auth' : undefined, nc, cnonce: nc ? 'c' : undefined, opaque: undefined });

describe('nonces', () => {
  it('verify until they expire, then are stale', () => {
    const e = engine();
    const nonce = e.issueNonce(ctx());
    expect(e.verifyNonce(ctx(), creds(nonce))).toBe('ok');
    e.now = () => 1_000_300;
    expect(e.verifyNonce(ctx(), creds(nonce))).toBe('ok');
    e.now = () => 1_000_301;
    expect(e.verifyNonce(ctx(), creds(nonce))).toBe('stale');
  });

  it('are not ours when changed, made with another secret, or not a nonce', () => {
    const e = engine();
    const nonce = e.issueNonce(ctx());
    const changed = Buffer.from(nonce, 'base64url');
    changed[5]! ^= 1; // the creation time, which the MAC covers
    expect(e.verifyNonce(ctx(), creds(changed.toString('base64url')))).toBe('invalid');
    expect(engine({ secret: 'another secret' }).verifyNonce(ctx(), creds(nonce))).toBe('invalid');
    for (const bad of ['', 'abc', 'not base64!', nonce.slice(0, -4)]) expect(e.verifyNonce(ctx(), creds(bad))).toBe('invalid');
  });

  it('made in the future are stale beyond nonce_auth_max_drift', () => {
    const future = engine({}, 1_000_010);
    const nonce = future.issueNonce(ctx());
    expect(engine({}, 1_000_007).verifyNonce(ctx(), creds(nonce))).toBe('ok');
    expect(engine({}, 1_000_006).verifyNonce(ctx(), creds(nonce))).toBe('stale');
  });

  it('with a random secret (none set) verify only in the module that made them', () => {
    const a = engine({ secret: '' });
    const nonce = a.issueNonce(ctx());
    expect(a.verifyNonce(ctx(), creds(nonce))).toBe('ok');
    expect(engine({ secret: '' }).verifyNonce(ctx(), creds(nonce))).toBe('invalid');
  });

  it('are bound to the message parts the extra checks name', () => {
    const e = engine({ auth_checks_register: 2 | 8, auth_checks_in_dlg: 4 });
    const nonce = e.issueNonce(ctx());
    expect(e.verifyNonce(ctx(), creds(nonce))).toBe('ok');
    expect(e.verifyNonce(ctx({ callId: 'c2' }), creds(nonce))).toBe('stale');
    expect(e.verifyNonce(ctx({ source: '127.0.0.2' }), creds(nonce))).toBe('stale');
    // A REGISTER nonce (Call-ID and source bound) used in a dialog, where the From tag is checked.
    expect(e.verifyNonce(ctx({ method: 'BYE', toTag: 't1' }), creds(nonce))).toBe('stale');
    // Without extra checks for a request, its nonce is not judged by them.
    expect(e.verifyNonce(ctx({ method: 'INVITE', callId: 'c9' }), creds(nonce))).toBe('ok');
  });
});

describe('replay protection', () => {
  it('nonce_count: each nc must be above the last, at most 255', () => {
    const e = engine({ nonce_count: 1, qop: 'auth' });
    const nonce = e.issueNonce(ctx());
    expect(['00000001', '00000003', '00000003', '00000002', '000000ff', '00000100'].map((nc) => e.verifyNonce(ctx(), creds(nonce, nc)))).toEqual(['ok', 'ok', 'stale', 'stale', 'ok', 'stale']);
    // Without nc the nonce is judged as any other (the extra checks, one_time_nonce).
    expect(e.verifyNonce(ctx(), creds(nonce))).toBe('ok');
  });

  it('nonce_count forgets the oldest nonces when the table is full (nc_array_size)', () => {
    const e = engine({ nonce_count: 1, nc_array_size: 5 }); // rounded down to 4
    const first = e.issueNonce(ctx());
    const later = [1, 2, 3].map(() => e.issueNonce(ctx()));
    expect(e.verifyNonce(ctx(), creds(first, '00000001'))).toBe('ok');
    e.issueNonce(ctx());
    expect(e.verifyNonce(ctx(), creds(first, '00000002'))).toBe('stale');
    expect(later.map((n) => e.verifyNonce(ctx(), creds(n, '00000001')))).toEqual(['ok', 'ok', 'ok']);
  });

  it('one_time_nonce: a nonce is used once; nc_array_order and otn_in_flight_order size the tables', () => {
    const e = engine({ one_time_nonce: 1, otn_in_flight_order: 3 });
    const nonces = Array.from({ length: 9 }, () => e.issueNonce(ctx()));
    expect(e.verifyNonce(ctx(), creds(nonces[0]!))).toBe('stale'); // 8 in flight: the first fell out
    expect(e.verifyNonce(ctx(), creds(nonces[8]!))).toBe('ok');
    expect(e.verifyNonce(ctx(), creds(nonces[8]!))).toBe('reused');
    expect(e.verifyNonce(ctx(), creds(nonces[1]!))).toBe('ok');
  });
});

describe('settings', () => {
  it('refuse a qop or an algorithm Kamailio does not know, naming the parameter', () => {
    expect(() => readConfig(new Map(Object.entries({ ...DEFAULTS, qop: 'auth-conf' })))).toThrow(/modparam auth qop: "auth-conf"/);
    expect(() => readConfig(new Map(Object.entries({ ...DEFAULTS, algorithm: 'SHA-512' })))).toThrow(/modparam auth algorithm: "SHA-512"/);
    expect(readConfig(new Map(Object.entries({ ...DEFAULTS, algorithm: 'sha-256' }))).algorithm).toBe('SHA-256');
  });
});
