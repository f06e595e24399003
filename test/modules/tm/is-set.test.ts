// t_is_set(target): whether failure_route, branch_route or onreply_route is
// armed, before the transaction exists (as the stock kamailio.cfg checks in
// route[RELAY]); a target other than those three is refused at start-up.
// Arming "0" arms no route, as in Kamailio.

import { runScript, sipMessage } from '../run-script.js';
import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';

const HEAD = 'debug=2\nloadmodule "tm.so"\nloadmodule "pv.so"\nloadmodule "xlog.so"\n';
const INVITE = sipMessage(['INVITE sip:bob@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKis1;rport', 'From: <sip:alice@127.0.0.1>;tag=1', 'To: <sip:bob@127.0.0.1>', 'Call-ID: is-set-1', 'CSeq: 1 INVITE', 'Content-Length: 0']);
const ROUTES = 'failure_route[F] { drop; }\nbranch_route[B] { drop; }\nonreply_route[R] { drop; }\n';

describe('t_is_set', () => {
  it('is false until the route is armed, then true, for each target', () => {
    const run = runScript(
      `${HEAD}request_route {\n` +
        '  if (!t_is_set("failure_route")) xlog("L_INFO", "failure unset\\n");\n  t_on_failure("F");\n  if (t_is_set("failure_route")) xlog("L_INFO", "failure set\\n");\n' +
        '  if (!t_is_set("branch_route")) xlog("L_INFO", "branch unset\\n");\n  t_on_branch("B");\n  if (t_is_set("branch_route")) xlog("L_INFO", "branch set\\n");\n' +
        '  if (!t_is_set("onreply_route")) xlog("L_INFO", "reply unset\\n");\n  t_on_reply("R");\n  if (t_is_set("onreply_route")) xlog("L_INFO", "reply set\\n");\n' +
        `  drop;\n}\n${ROUTES}`,
      INVITE,
    );
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual(['failure unset', 'failure set', 'branch unset', 'branch set', 'reply unset', 'reply set']);
  });

  it('is false again after "0" arms no route (Kamailio 5.6.3: t_on_failure("F") then t_on_failure("0") gives "no", and no failure_route runs)', () => {
    const run = runScript(
      `${HEAD}request_route {\n` +
        '  t_on_failure("F"); t_on_failure("0");\n  if (!t_is_set("failure_route")) xlog("L_INFO", "failure unset\\n");\n' +
        '  t_on_branch("B"); t_on_branch("0");\n  if (!t_is_set("branch_route")) xlog("L_INFO", "branch unset\\n");\n' +
        '  t_on_reply("R"); t_on_reply("0");\n  if (!t_is_set("onreply_route")) xlog("L_INFO", "reply unset\\n");\n' +
        `  drop;\n}\n${ROUTES}`,
      INVITE,
    );
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual(['failure unset', 'branch unset', 'reply unset']);
  });

  it('takes "0" as no route at check time too, with no route of that name defined (kamailio -c accepts it)', () => {
    expect(codesOf('loadmodule "tm.so"\nrequest_route {\n  t_on_failure("0"); t_on_branch("0"); t_on_reply("0");\n  t_relay();\n}\n', { modules: builtinModules })).toEqual([]);
  });

  it('refuses a target that is not a route tm arms', () => {
    expect(codesOf('loadmodule "tm.so"\nrequest_route {\n  if (t_is_set("error_route")) drop;\n}\n', { modules: builtinModules })).toEqual(['E0607@3:16']);
  });
});
