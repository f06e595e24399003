// keep_hf (modules/textopsx/keep-hf.ts). The forwarded messages were
// recorded from Kamailio 5.6 with the same routes and INVITE: the routing
// headers stay whatever the expression, names are matched case aside and
// anywhere, and the return code is -1 even when lines were removed.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { FORWARD_VIAS, HEAD, headersOf, invite, run } from '../textops/run.js';

describe('keep_hf', () => {
  it('removes the lines whose name does not match, routing headers kept', () => {
    const message = invite(['Route: <sip:127.0.0.1;lr>', 'Record-Route: <sip:127.0.0.1;lr>', 'User-Agent: test', 'l-x: 1']);
    const { logs, sent } = run('keep_hf("^x-"); xlog("$rc\\n"); forward("127.0.0.1", 7462);', message);
    expect(logs).toEqual(['-1']);
    expect(headersOf(sent)).toEqual([
      ...FORWARD_VIAS,
      'v: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK-0',
      'Max-Forwards: 70',
      'From: "Alice" <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>',
      'Call-ID: c1@x',
      'Route: <sip:127.0.0.1;lr>',
      'Record-Route: <sip:127.0.0.1;lr>',
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@127.0.0.1:7461>',
      'X-Foo: a, b',
      'X-Foo: c',
      'Content-Type: application/sdp',
      'Content-Length: 103',
    ]);
  });

  it('removals of two calls add up (lumps on the message as received)', () => {
    const { sent } = run('keep_hf("Foo"); keep_hf("^Supported$"); forward("127.0.0.1", 7462);');
    expect(headersOf(sent).filter((l) => /^(X-Foo|Supported|P-One):/.test(l))).toEqual([]);
  });

  it('takes one argument (Kamailio 5.6 refuses to start with keep_hf())', () => {
    expect(codesOf(`${HEAD}request_route {\n  keep_hf();\n}\n`, { modules: builtinModules })).toEqual(['E0602@8:3']);
  });
});
