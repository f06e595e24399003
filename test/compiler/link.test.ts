// The link stage: module instances get their parameters (defaults, then
// modparam; repeatable ones as lists), init hooks run once with the other
// modules' APIs bound, a refusing init stops the start, and commands are
// bound with their arguments converted as their specs say.

import { link } from '../../compiler/link.js';
import { lowerScript } from '../../compiler/lower.js';
import { command, defineModule, type ModuleInstance } from '../../modules/api.js';
import { ExecContext } from '../../runtime/exec/context.js';
import { execute } from '../../runtime/exec/run.js';
import { SipMessage } from '../../runtime/sip/message.js';
import { checkText } from '../helpers.js';

interface CounterApi {
  next(): number;
}

let counted = 0;
const counter = defineModule({
  name: 'counter',
  params: [{ name: 'start', type: 'int', default: 10 }, { name: 'tag', type: 'str', repeatable: true }],
  api: { next: () => ++counted } satisfies CounterApi,
  commands: [
    command({
      name: 'count',
      args: [{ name: 'by', type: 'int' }, { name: 'label', type: 'spve' }],
      routes: ['request'],
      run: (ctx, [by, label], params) => {
        ctx.log(-1, `${label}:${(params.get('start') as number) + by}:${(params.get('tag') as string[]).join(',')}`);
        return 1;
      },
    }),
  ],
});

const seen: string[] = [];
const user = defineModule({
  name: 'user',
  init: (module: ModuleInstance) => {
    const api = module.bind<CounterApi>('counter');
    seen.push(api ? `bound ${api.next()}` : 'not bound');
    return module.bind('missing') === undefined ? undefined : 'bound a module that is not loaded';
  },
});

const refusing = defineModule({ name: 'refusing', init: () => 'no database' });

const MESSAGE = SipMessage.parse(Buffer.from('OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport\r\nFrom: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\nCall-ID: l1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n')) as SipMessage;

describe('link', () => {
  it('binds commands to instances with their parameters, and converts arguments by spec', () => {
    const checked = checkText('loadmodule "counter"\nmodparam("counter", "tag", "a")\nmodparam("counter", "tag", "b")\nrequest_route {\n count("5", "n");\n}\n', { modules: [counter] });
    expect(checked.diagnostics).toEqual([]);
    const linked = link(checked);
    if ('error' in linked) throw new Error(linked.error);
    const ctx = new ExecContext(MESSAGE, { address: '127.0.0.1', port: 5070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [] });
    execute(lowerScript(checked), 0, ctx, linked.commands);
    expect(ctx.logs.map((l) => l.text)).toEqual(['n:15:a,b']);
  });

  it('runs init with the other modules\' APIs bound', () => {
    const linked = link(checkText('loadmodule "counter"\nloadmodule "user"\nrequest_route {\n drop;\n}\n', { modules: [counter, user] }));
    expect('error' in linked).toBe(false);
    expect(seen).toEqual(['bound 1']);
  });

  it('refuses to start when a module\'s init says why', () => {
    expect(link(checkText('loadmodule "refusing"\nrequest_route {\n drop;\n}\n', { modules: [refusing] }))).toEqual({ error: 'module refusing cannot start: no database' });
  });
});
