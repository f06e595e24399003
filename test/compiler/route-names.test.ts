// Route names as Kamailio 5.6 reads them, each row checked with kamailio -c:
// a word its lexer reserves names a route only quoted, request_route and
// reply_route take no name, an event route is named `group:name`.

import { diagnosticsOf } from '../helpers.js';

/** The errors (`CODE@line:col`) of a script whose request_route is on line 1. */
function errors(script: string): string[] {
  return diagnosticsOf(`${script}\n`)
    .filter((d) => d.code.startsWith('E'))
    .map((d) => `${d.code}@${d.at}`);
}

describe('route names Kamailio accepts', () => {
  it.each([
    'request_route { route("udp"); }\nroute["udp"] { drop; }',
    'request_route { route(INVITE); }\nroute[INVITE] { drop; }',
    'request_route { route(LOG_LOCAL0); }\nroute[LOG_LOCAL0] { drop; }',
    'request_route { route(_a); route(5); }\nroute[_a] { drop; }\nroute[5] { drop; }',
    'request_route { route("a b"); }\nroute["a b"] { drop; }',
    'request_route { drop; }\nfailure_route["myself"] { drop; }\nonreply_route[R] { drop; }\nbranch_route[5] { drop; }\nonsend_route[X] { drop; }',
    'request_route { drop; }\nevent_route[tm:local-request] { drop; }\nevent_route["xhttp:request"] { drop; }\nevent_route[a:b-c:d_e] { drop; }',
  ])('%j', (script) => {
    expect(errors(script)).toEqual([]);
  });
});

describe('route names Kamailio rejects', () => {
  it.each([
    ['request_route { drop; }\nroute[udp] { drop; }', ['E0301@2:7']],
    ['request_route { drop; }\nroute[debug] { drop; }', ['E0301@2:7']],
    ['request_route { drop; }\nroute[myself] { drop; }', ['E0301@2:7']],
    ['request_route { drop; }\nroute[forward] { drop; }', ['E0301@2:7']],
    ['request_route { drop; }\nroute[max_len] { drop; }', ['E0301@2:7']],
    ['request_route { drop; }\nonreply_route[method] { drop; }', ['E0301@2:15']],
    ['request_route { route(TCP); }\nroute["TCP"] { drop; }', ['E0301@1:23']],
    ['request_route { route(src_ip); }', ['E0301@1:23']],
    ['request_route { route(123abc); }\nroute[abc] { drop; }', ['E0301@1:23']],
    ['request_route { drop; }\nrequest_route[MAIN] { drop; }', ['E0301@2:15']],
    ['request_route { drop; }\nrequest_route[0] { drop; }', ['E0301@2:15']],
    ['request_route { drop; }\nreply_route[R] { drop; }', ['E0301@2:13']],
    ['request_route { drop; }\nevent_route { drop; }', ['E0301@2:1']],
    ['request_route { drop; }\nevent_route[startup] { drop; }', ['E0301@2:13']],
    ['request_route { drop; }\nevent_route["startup"] { drop; }', ['E0301@2:13']],
    ['request_route { drop; }\nevent_route[5] { drop; }', ['E0301@2:13']],
    ['request_route { drop; }\nevent_route[tm:5] { drop; }', ['E0301@2:13']],
  ])('%j', (script, expected) => {
    expect(errors(script)).toEqual(expected);
  });
});
