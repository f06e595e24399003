// Which route blocks make one route, as Kamailio 5.6 reads them (each row was
// checked with kamailio -c): the unnamed blocks of a kind are joined in the
// order written, a block named 0 is the unnamed one, and a named block may
// not come after another block of its route. The lowered program has one
// entry per route, whose code runs the joined blocks one after the other.

import { lowerScript } from '../../compiler/lower.js';
import { checkText, codesOf } from '../helpers.js';

describe('blocks of one route', () => {
  it.each([
    ['request_route { drop; }\nroute { drop; }', []],
    ['route { drop; }\nroute { drop; }\nrequest_route { drop; }', []],
    ['reply_route { drop; }\nonreply_route { drop; }', []],
    ['onreply_route { drop; }\nonreply_route[0] { drop; }', []],
    ['onreply_route[0] { drop; }\nonreply_route[0] { drop; }', []],
    ['request_route { drop; }\nonsend_route { drop; }\nonsend_route { drop; }', []],
    ['request_route { drop; }\nfailure_route { drop; }\nfailure_route { drop; }', ['W0208@2:1', 'W0208@3:1']],
    ['request_route { drop; }\nbranch_route { drop; }\nbranch_route { drop; }', ['W0208@2:1', 'W0208@3:1']],
    ['route[0] { drop; }\nrequest_route { drop; }', []],
    ['request_route { drop; }\nfailure_route[0] { drop; }\nfailure_route { drop; }', ['W0208@2:15', 'W0208@3:1']],
    ['request_route { route(0); route("0"); }', []],
    ['request_route { drop; }\nroute[0] { drop; }', ['E0605@2:1']],
    ['request_route { drop; }\nroute[00] { drop; }', ['E0605@2:1']],
    ['request_route { drop; }\nroute["0"] { drop; }', ['E0605@2:1']],
    ['route[0] { drop; }\nroute[0] { drop; }', ['E0605@2:1']],
    ['request_route { drop; }\nfailure_route { drop; }\nfailure_route[0] { drop; }', ['W0208@2:1', 'E0605@3:1']],
    ['request_route { drop; }\nonsend_route { drop; }\nonsend_route[0] { drop; }', ['E0605@3:1']],
    ['request_route { route(X); }\nroute[X] { drop; }\nroute["X"] { drop; }', ['E0605@3:1']],
  ])('%s', (script, expected) => {
    expect(codesOf(`${script}\n`)).toEqual(expected);
  });
});

describe('the lowered program', () => {
  it('has one entry for the unnamed blocks of a kind, route[0] and onreply_route[0] among them', () => {
    const program = lowerScript(checkText('route[0] { drop; }\nrequest_route { drop; }\nroute { drop; }\nonreply_route[0] { drop; }\nreply_route { drop; }\n'));
    expect(program.routes.map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: 'request', name: undefined },
      { kind: 'onreply', name: undefined },
    ]);
  });
});
