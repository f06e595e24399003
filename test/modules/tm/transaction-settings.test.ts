// t_save_lumps: the request's changes failure_route starts from are those
// saved by t_save_lumps (or by the first t_relay), as README.tm's example
// has it: hf1 and hf3 in the failure_route branch, not hf2.

import { BOB, CAROL, headers, Proxy, reply, request, UAC } from './proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "textops.so"
loadmodule "corex.so"
loadmodule "pv.so"
loadmodule "xlog.so"
`;

/** The X- headers of the request failure_route sends to CAROL after BOB is busy. */
function serialFork(requestRoute: string): string[] {
  const p = new Proxy(`${HEAD}request_route {
${requestRoute}
}
failure_route[F] {
	$ru = "sip:carol@${CAROL}";
	append_hf("X-hf3: third\\r\\n");
	t_relay();
}`);
  p.receive(request('INVITE'), UAC);
  const first = p.take().find((o) => o.to === BOB)!.text;
  p.receive(reply(first, 486, 'Busy Here'), BOB);
  const second = p.take().find((o) => o.to === CAROL);
  expect(second).toBeDefined();
  return headers(second!.text).filter((h) => h.startsWith('X-'));
}

describe('t_save_lumps', () => {
  it('saves the changes made so far: later ones reach only the first branch', () => {
    expect(serialFork('t_newtran(); append_hf("X-hf1: first\\r\\n"); t_save_lumps(); append_hf("X-hf2: second\\r\\n"); t_on_failure("F"); t_relay();')).toEqual([
      'X-hf1: first',
      'X-hf3: third',
    ]);
  });

  it('is done by the first t_relay otherwise', () => {
    expect(serialFork('t_newtran(); append_hf("X-hf1: first\\r\\n"); append_hf("X-hf2: second\\r\\n"); t_on_failure("F"); t_relay();')).toEqual([
      'X-hf1: first',
      'X-hf2: second',
      'X-hf3: third',
    ]);
  });

  it('is false without a transaction', () => {
    const p = new Proxy(`${HEAD}request_route { if (!t_save_lumps()) xlog("L_ERR", "no transaction\\n"); }`);
    p.receive(request('OPTIONS'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: no transaction']);
  });
});
