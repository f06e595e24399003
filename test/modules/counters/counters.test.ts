// The counters module: script_counter declarations ([group.]name[( |:)help],
// the script_cnt_grp_name group by default) listed at 0 in their groups,
// cnt_inc/cnt_add/cnt_reset on them (return codes and values as Kamailio 5.6
// gave them on loopback: stats.get_statistics after one request), a counter
// not declared refused with a log line, bad declarations refusing the start.

import { createSocket } from 'node:dgram';
import { serveScript, type Served } from '../../runtime/server/serve-script.js';

const HEAD = `
loadmodule "counters.so"
loadmodule "xlog.so"
loadmodule "pv.so"
modparam("counters", "script_counter", "foo")
modparam("counters", "script_counter", "test.bar")
modparam("counters", "script_counter", "baz example counter")
modparam("counters", "script_counter", "test.x:another example")
`;

const OPTIONS = 'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:27210;branch=z9hG4bKc1;rport\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

async function sendOne(served: Served): Promise<void> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(27210, '127.0.0.1', () => r()));
  s.send(Buffer.from(OPTIONS), served.port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 200));
  s.close();
}

function values(served: Served, group: string): Record<string, number> {
  const g = served.server.worker.statistics!.find(group);
  return g ? Object.fromEntries(g.names().map((n) => [n, g.get(n)])) : {};
}

describe('counters', () => {
  it('declares the script counters in their groups, with their help', async () => {
    const served = await serveScript(`${HEAD}request_route { exit; }`);
    try {
      expect(values(served, 'script')).toEqual({ baz: 0, foo: 0 });
      expect(values(served, 'test')).toEqual({ bar: 0, x: 0 });
      const stats = served.server.worker.statistics!;
      expect(stats.find('script')!.info('baz')!.help).toBe('example counter');
      expect(stats.find('test')!.info('x')!.help).toBe('another example');
      expect(stats.find('script')!.info('foo')!.help).toBe('custom script counter.');
    } finally {
      await served.stop();
    }
  });

  it('cnt_inc, cnt_add (a constant or an integer variable) and cnt_reset return 1 and change the counter', async () => {
    const served = await serveScript(`${HEAD}
request_route {
  cnt_inc("foo"); xlog("L_INFO", "inc $rc\\n");
  cnt_inc("script.foo");
  $var(n) = 7;
  cnt_add("test.bar", "$var(n)"); xlog("L_INFO", "add $rc\\n");
  cnt_add("test.bar", 5);
  cnt_add("test.x", 3);
  cnt_reset("test.x"); xlog("L_INFO", "reset $rc\\n");
  exit;
}`);
    try {
      await sendOne(served);
      expect(values(served, 'script')).toEqual({ baz: 0, foo: 2 });
      expect(values(served, 'test')).toEqual({ bar: 12, x: 0 });
      expect(served.logs.join('')).toMatch(/inc 1[\s\S]*add 1[\s\S]*reset 1/);
    } finally {
      await served.stop();
    }
  });

  it('script_cnt_grp_name is the group of declarations and commands without one', async () => {
    const served = await serveScript(`loadmodule "counters.so"
modparam("counters", "script_cnt_grp_name", "mine")
modparam("counters", "script_counter", "a2 help two")
request_route { cnt_inc("a2"); exit; }`);
    try {
      await sendOne(served);
      expect(values(served, 'mine')).toEqual({ a2: 1 });
      expect(served.server.worker.statistics!.find('script')).toBeUndefined();
    } finally {
      await served.stop();
    }
  });

  it('a counter no script_counter declared: -1 and an error naming it, the counter not made', async () => {
    const served = await serveScript(`${HEAD}request_route { cnt_inc("nope"); xlog("L_INFO", "rc $rc\\n"); cnt_add("other.y", 1); exit; }`);
    try {
      await sendOne(served);
      const log = served.logs.join('');
      expect(log).toContain('counters: cnt_inc: counter script.nope does not exist');
      expect(log).toContain('counters: cnt_add: counter other.y does not exist');
      expect(log).toContain('rc -1');
      expect(served.server.worker.statistics!.find('other')).toBeUndefined();
    } finally {
      await served.stop();
    }
  });

  it.each([
    ['script_counter ""', `modparam("counters", "script_counter", "")`, 'script_counter "": no counter name'],
    ['a bad group', `modparam("counters", "script_counter", ".x")`, 'bad group name ""'],
    ['a counter declared twice', `modparam("counters", "script_counter", "a")\nmodparam("counters", "script_counter", "script.a")`, 'counter script.a is declared twice'],
    ['a module statistic', `loadmodule "sl.so"\nmodparam("counters", "script_counter", "sl.sent_replies")`, 'sl.sent_replies is already a statistic'],
  ])('%s refuses the start, saying why', async (_, lines, message) => {
    await expect(serveScript(`loadmodule "counters.so"\n${lines}\nrequest_route { exit; }`)).rejects.toThrow(message);
  });

  it('a bad counter name in a command is a check error at its argument', async () => {
    await expect(serveScript(`loadmodule "counters.so"\nrequest_route { cnt_inc("a.b.c d"); }`)).rejects.toThrow(/counter "a.b.c d"/);
  });
});
