// What the checker and the start-up say about siputils: the route types
// each command may run in (as Kamailio 5.6.3's `kamailio -c` accepts or
// refuses them, "misused command"), the arguments Kamailio's fixups refuse
// at start-up (an unknown is_supported option, a constant where a variable
// is needed, a non-number), and the start-up refusals: no sl loaded, an
// rpid_avp that is not an AVP.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { runScript, sipMessage } from '../run-script.js';

const HEAD = 'loadmodule "sl.so"\nloadmodule "pv.so"\nloadmodule "siputils.so"\n';
const codes = (script: string): string[] => codesOf(`${HEAD}${script}`, { modules: builtinModules }).map((c) => c.split('@')[0]!);

describe('siputils in the checker', () => {
  it('allows each command only where Kamailio does', () => {
    expect(codes('failure_route[F] { uri_param("a"); is_e164("$var(x)"); decode_contact_header(); tel2sip("a", "b", "$var(x)"); }\nrequest_route { drop; }')).toEqual(['W0202']);
    expect(codes('failure_route[F] { options_reply(); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('branch_route[B] { uri_param_rm("a"); append_rpid_hf(); tel2sip("a", "b", "$var(x)"); }\nrequest_route { drop; }')).toEqual(['W0202']);
    expect(codes('branch_route[B] { is_e164("$var(x)"); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('branch_route[B] { decode_contact_header(); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('onreply_route[R] { encode_contact("a", "b"); contact_param_rm("a"); is_first_hop(); }\nrequest_route { drop; }')).toEqual(['W0202']);
    expect(codes('onreply_route[R] { uri_param("a"); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('reply_route { decode_contact(); }\nrequest_route { drop; }')).toEqual(['E0603']);
    expect(codes('onsend_route { has_totag(); cmp_uri("a", "b"); set_uri_user("$var(u)", "$var(n)"); }\nrequest_route { drop; }')).toEqual([]);
    expect(codes('onsend_route { tel2sip("a", "b", "$var(x)"); }\nrequest_route { drop; }')).toEqual(['E0603']);
    expect(codes('event_route[xhttp:request] { options_reply(); is_rpid_user_e164(); contact_param_decode_ruri("a"); }\nrequest_route { drop; }')).toEqual([]);
  });

  it('refuses the arguments Kamailio refuses at start-up', () => {
    expect(codes('request_route { is_supported("foo"); }')).toEqual(['E0607']);
    expect(codes('request_route { is_supported("PATH"); is_first_hop("1"); hdr_date_check("$var(t)"); }')).toEqual([]);
    expect(codes('request_route { is_e164("+123"); }')).toEqual(['E0607']);
    expect(codes('request_route { set_uri_user("$ru", "x"); }')).toEqual(['E0607']);
    expect(codes('request_route { get_uri_param("a", "b"); }')).toEqual(['E0607']);
    expect(codes('request_route { hdr_date_check("x"); }')).toEqual(['E0607']);
  });
});

describe('siputils at start-up', () => {
  const message = sipMessage(['OPTIONS sip:127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>', 'Call-ID: s1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

  it('needs sl, as Kamailio (cannot bind to the SL API)', () => {
    expect(runScript('loadmodule "siputils.so"\nrequest_route { options_reply(); }\n', message).stderr).toMatch(/module siputils cannot start: cannot bind to the SL API/);
  });

  it('refuses an rpid_avp that is not an AVP, and takes an empty one', () => {
    const script = (avp: string): string => `${HEAD}modparam("siputils", "rpid_avp", "${avp}")\nrequest_route { append_rpid_hf(); }\n`;
    expect(runScript(script('$var(x)'), message).stderr).toMatch(/module siputils cannot start: rpid_avp "\$var\(x\)" is not an AVP/);
    expect(runScript(script(''), message).stderr).toBe('');
  });
});
