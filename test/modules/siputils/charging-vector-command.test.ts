// sip_p_charging_vector: g generates a header when there is none (and $pcv
// reads it at once, as in Kamailio 5.6), r removes the header, f does both.
// Kamailio 5.6.3 removes nothing for r and f (docs/dialect.md); the icid-value
// is random, 32 hex digits, as long as Kamailio's.

import { runScript, sipMessage } from '../run-script.js';

const request = (extra: string[] = []): string =>
  sipMessage(['INVITE sip:bob@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:bob@127.0.0.1>', 'Call-ID: pcv1', 'CSeq: 1 INVITE', ...extra, 'Content-Length: 0']);

const SCRIPT = (flags: string) => `debug=2\nlisten=udp:127.0.0.1:5060\nloadmodule "pv.so"\nloadmodule "sl.so"\nloadmodule "siputils.so"\nloadmodule "xlog.so"\nrequest_route {\n sip_p_charging_vector("${flags}");\n xlog("L_NOTICE", "pcv $pcv(value) $pcv(genaddr)\\n");\n forward("127.0.0.1", 5090);\n}\n`;

const forwardedVector = (text: string): string[] => text.split('\r\n').filter((l) => l.startsWith('P-Charging-Vector:'));

describe('sip_p_charging_vector', () => {
  it('generates one when there is none (g), readable at once through $pcv', () => {
    const run = runScript(SCRIPT('g'), request());
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual([expect.stringMatching(/^pcv [0-9A-F]{32} 127\.0\.0\.1$/)]);
    expect(run.sent[0]!.text.split('\r\n').filter((l) => l.startsWith('P-Charging-Vector:'))).toEqual([expect.stringMatching(/^P-Charging-Vector: icid-value=[0-9A-F]{32}; icid-generated-at=127\.0\.0\.1$/)]);
  });

  it('keeps the one there is (g), removes it (r), replaces it (f)', () => {
    const existing = ['P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.2.8'];
    expect(forwardedVector(runScript(SCRIPT('g'), request(existing)).sent[0]!.text)).toEqual(existing);
    expect(forwardedVector(runScript(SCRIPT('r'), request(existing)).sent[0]!.text)).toEqual([]);
    expect(forwardedVector(runScript(SCRIPT('f'), request(existing)).sent[0]!.text)).toEqual([expect.stringMatching(/^P-Charging-Vector: icid-value=[0-9A-F]{32}; icid-generated-at=127\.0\.0\.1$/)]);
  });

  it('refuses other flags at the argument', () => {
    expect(runScript(SCRIPT('x'), request()).stderr).not.toBe('');
  });
});
