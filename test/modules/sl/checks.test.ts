// What the checker says about sl, corex and kex calls: the route types each
// command may run in (as Kamailio 5.6.3's `kamailio -c` accepts or refuses
// them: "misused command") and integer-or-variable arguments.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';

const codes = (script: string): string[] => codesOf(`loadmodule "pv.so"\nloadmodule "sl.so"\nloadmodule "corex.so"\nloadmodule "kex.so"\n${script}`, { modules: builtinModules }).map((c) => c.split('@')[0]!);

describe('sl, corex and kex in the checker', () => {
  it('allow each command only where Kamailio does', () => {
    expect(codes('request_route { sl_send_reply("404", "x"); sl_reply_error(); append_branch(); send_udp(); }')).toEqual([]);
    expect(codes('failure_route[F] { sl_send_reply("404", "x"); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('onreply_route[R] { send_reply("404", "x"); sl_forward_reply("401"); }\nrequest_route { drop; }')).toEqual(['W0202']);
    expect(codes('request_route { sl_forward_reply(); }')).toEqual(['E0603']);
    expect(codes('branch_route[B] { send_reply("404", "x"); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('onreply_route[R] { append_branch(); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('reply_route { forward_reply(); setbflag("1"); is_myself("$fu"); }\nrequest_route { drop; }')).toEqual([]);
    expect(codes('request_route { forward_reply(); }')).toEqual(['E0603']);
  });

  it('take a number or one pseudo-variable where Kamailio takes an integer or a variable', () => {
    expect(codes('request_route { sl_send_reply("$var(code)", "x"); setbflag("$avp(f)", "$var(b)"); setxflag("63"); }')).toEqual([]);
    expect(codes('request_route { sl_send_reply("abc", "x"); }')).toEqual(['E0607']);
  });
});
