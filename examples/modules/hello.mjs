// hello: an example of a module a user writes for siprc (docs/modules.md
// walks through it). hello(who, times) greets `who` with a header line per
// greeting, up to the max_times parameter; $hello(count|last|total) reads
// this message's greetings and the `greetings` statistic.
//
//   loadmodule "hello.mjs"
//   modparam("hello", "greeting", "Welcome")
//   if (hello("visitor of $def(SITE)", 2)) { ... }

import { FixupError, command, defineModule } from 'siprc/api';

/** Kamailio's L_INFO log level. */
const L_INFO = 2;

/** The running module (its parameters and statistics), as init receives it. */
let running;

/** This message's greetings: kept in the message's state under the module's name. */
function greetings(ctx) {
  return ctx.state.get('hello') ?? { count: 0, last: null };
}

const hello = command({
  name: 'hello',
  args: [
    { name: 'who', type: 'spve' },
    { name: 'times', type: 'int' },
  ],
  routes: ['request', 'failure', 'branch'],
  run(ctx, [who, times], params) {
    if (times < 1) return -1;
    const count = Math.min(times, params.get('max_times'));
    const line = `${params.get('greeting')}, ${who}`;
    for (let i = 0; i < count; i++) ctx.edits.appendHeader(`X-Hello: ${line}`);
    const before = greetings(ctx);
    ctx.state.set('hello', { count: before.count + count, last: who });
    running.stats.add('greetings', count);
    ctx.log(L_INFO, `hello: ${line} (${count}x)\n`);
    return count;
  },
});

/** What each name of $hello(name) reads. */
const READERS = {
  count: (ctx) => greetings(ctx).count,
  last: (ctx) => greetings(ctx).last,
  total: () => running.stats.get('greetings'),
};

export default defineModule({
  name: 'hello',
  commands: [hello],
  params: [
    { name: 'greeting', type: 'str', default: 'Hello' },
    { name: 'max_times', type: 'int', default: 3, min: 1, max: 10 },
  ],
  statistics: [{ name: 'greetings', kind: 'counter', help: 'header lines added by hello()' }],
  pseudoVariables: [
    {
      name: 'hello',
      inner: 'required',
      writable: false,
      compile({ name }) {
        const read = name && !name.dynamic ? READERS[name.text] : undefined;
        if (!read) throw new FixupError(`unknown name "${name?.text ?? ''}": use ${Object.keys(READERS).join(', ')}`);
        return { get: read };
      },
    },
  ],
  init(module) {
    if (module.params.get('greeting') === '') return 'the greeting parameter is empty';
    running = module;
  },
});
