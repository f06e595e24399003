// W0208: an unnamed failure_route or branch_route, `[0]` included. Kamailio
// 5.6 accepts one, but t_on_failure() and t_on_branch() arm a route by name
// and take "0" as arming none, so it never runs (checked by running Kamailio
// on a relayed INVITE that timed out: only failure_route[F] and
// branch_route[B] armed by name ran).

import { codesOf, diagnosticsOf } from '../helpers.js';

const HEAD = 'loadmodule "tm.so"\n';

describe('routes nothing can arm', () => {
  it.each([
    ['request_route { t_relay(); }\nfailure_route { drop; }', ['W0208@3:1']],
    ['request_route { t_relay(); }\nbranch_route { drop; }', ['W0208@3:1']],
    ['request_route { t_relay(); }\nfailure_route[0] { drop; }', ['W0208@3:15']],
    ['request_route { t_relay(); }\nbranch_route[0] { drop; }', ['W0208@3:14']],
    ['request_route { t_on_failure("0"); t_on_branch("0"); t_relay(); }\nfailure_route { drop; }\nbranch_route { drop; }', ['W0208@3:1', 'W0208@4:1']],
    ['request_route { t_on_failure("F"); t_on_branch("B"); t_relay(); }\nfailure_route[F] { drop; }\nbranch_route[B] { drop; }', []],
    ['request_route { t_relay(); }\nonreply_route { drop; }\nonreply_route[0] { drop; }', []],
    ['request_route { t_relay(); }\nonsend_route { drop; }', []],
  ])('%j', (script, expected) => {
    expect(codesOf(`${HEAD}${script}\n`)).toEqual(expected);
  });

  it('says how to name and arm the route', () => {
    expect(diagnosticsOf(`${HEAD}request_route { t_relay(); }\nfailure_route[0] { drop; }\n`).map((d) => d.message)).toEqual([
      '`failure_route[0]` is the unnamed failure_route, so nothing runs it: `t_on_failure()` arms a failure_route by its name; name it, as in `failure_route[NAME]`, and arm it with `t_on_failure("NAME")`',
    ]);
  });
});
