// Core functions run by `siprc exec`: the branch list (remove_branch,
// clear_branches), rewritehostporttrans and error(). Results recorded from
// Kamailio 5.6.3 running the same script (every one of them returns 1).

import { runScript, sipMessage } from '../../modules/run-script.js';

const HEAD = 'debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "corex.so"\n';
const THREE = 'append_branch("sip:b1@h"); append_branch("sip:b2@h"); append_branch("sip:b3@h");';

const REQUEST = sipMessage([
  'INVITE sip:f4:pw@127.0.0.1:27360;a=b;transport=udp;c=d?h=v SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKf4;rport',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: f4@127.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

const run = (body: string): string[] => {
  const r = runScript(`${HEAD}request_route {\n${body}\n}\n`, REQUEST);
  expect(r.stderr).toBe('');
  return r.logs;
};

describe('core functions', () => {
  it('remove_branch removes the branch at an index (the first by default), clear_branches all', () => {
    expect(
      run(`$var(r) = remove_branch(-1); xlog("L_ERR", "e-1 r=$var(r)\\n");
  $var(r) = remove_branch(); xlog("L_ERR", "e r=$var(r)\\n");
  ${THREE} $var(r) = remove_branch(-1); xlog("L_ERR", "a-1 r=$var(r) br=$bR\\n"); clear_branches();
  ${THREE} $var(r) = remove_branch(2); xlog("L_ERR", "a2 r=$var(r) br=$bR\\n"); clear_branches();
  ${THREE} $var(r) = remove_branch(3); xlog("L_ERR", "a3 r=$var(r) br=$bR\\n"); clear_branches();
  ${THREE} $var(r) = remove_branch(); xlog("L_ERR", "a r=$var(r) br=$bR\\n"); clear_branches();
  ${THREE} $var(r) = remove_branch(1); xlog("L_ERR", "a1 r=$var(r) br=$bR\\n");
  $var(r) = clear_branches(); xlog("L_ERR", "cb r=$var(r) br=$bR\\n");`),
    ).toEqual([
      'e-1 r=1',
      'e r=1',
      'a-1 r=1 br=sip:b1@h, sip:b2@h, sip:b3@h',
      'a2 r=1 br=sip:b1@h, sip:b2@h',
      'a3 r=1 br=sip:b1@h, sip:b2@h, sip:b3@h',
      'a r=1 br=sip:b2@h, sip:b3@h',
      'a1 r=1 br=sip:b1@h, sip:b3@h',
      'cb r=1 br=<null>',
    ]);
  });

  it('rewritehostporttrans replaces host, port and transport, keeping the other parameters after its text', () => {
    expect(
      run(`sethpt("127.0.0.5:99;transport=tcp;x=y"); xlog("L_ERR", "$ru\\n");
  sethostporttrans("127.0.0.6"); xlog("L_ERR", "$ru\\n");
  rewritehostport("127.0.0.7:1;transport=tls"); xlog("L_ERR", "$ru\\n");
  rewritehostporttrans("127.0.0.8"); xlog("L_ERR", "$ru\\n");`),
    ).toEqual([
      'sip:f4:pw@127.0.0.5:99;transport=tcp;x=y;a=b;c=d?h=v',
      'sip:f4:pw@127.0.0.6;x=y;a=b;c=d?h=v',
      'sip:f4:pw@127.0.0.7:1;transport=tls;x=y;a=b;c=d?h=v',
      'sip:f4:pw@127.0.0.8;x=y;a=b;c=d?h=v',
    ]);
  });

  it('error() only logs that it is not implemented, at NOTICE', () => {
    expect(run('$var(r) = error("abc", "def"); xlog("L_ERR", "r=$var(r)\\n");')).toEqual(['error("abc", "def") not implemented yet', 'r=1']);
  });
});
