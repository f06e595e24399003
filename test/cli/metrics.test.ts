// siprc run's Prometheus endpoint: after a flow of messages through a proxy
// (an OPTIONS, a REGISTER, a completed call, a call answered 486, a MESSAGE
// answered 404, a stray reply), a scrape of /metrics is parsed by a strict
// parser of the text exposition format written here from its specification
// (HELP and TYPE before a family's samples, one TYPE per family, metric and
// label names, escaped label values, numeric values), every sample is led
// back to a `group:name` by the documented naming rules (implemented again
// here, not taken from cli/metrics), and the values are those the RPC
// dispatcher's stats.get_statistics answers. Also: the token rules. Ports
// 31100-31199.

import { get, type IncomingHttpHeaders } from 'node:http';
import { startMetrics, type MetricsServer } from '../../cli/metrics/http.js';
import { controlDispatcher } from '../../runtime/rpc/control.js';
import { flowScript, playFlow } from '../runtime/stats/call-flow.js';
import { serveScript, type Served } from '../runtime/server/serve-script.js';

const SCRIPT = flowScript(['foo', 'test.bar-baz']);

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

interface Family {
  readonly help: string;
  readonly type: string;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Parses the text format (version 0.0.4) strictly; throws on anything out of the specification. */
function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, { help?: string; type?: string; samples: Sample[] }>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { samples: [] }));
    return f;
  };
  let current: string | undefined;
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, what, name, rest] = meta;
      if (!METRIC_NAME.test(name!)) throw new Error(`bad metric name in: ${line}`);
      const f = family(name!);
      if (f.samples.length > 0) throw new Error(`${what} after samples of ${name}`);
      if (what === 'HELP') {
        if (f.help !== undefined) throw new Error(`second HELP for ${name}`);
        f.help = rest!.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (f.type !== undefined) throw new Error(`second TYPE for ${name}`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest!)) throw new Error(`bad TYPE: ${line}`);
        f.type = rest!;
      }
      current = name;
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const [, name, labelText, valueText] = m;
    const labels: Record<string, string> = {};
    let rest = labelText ?? '';
    while (rest.length > 0) {
      const l = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/.exec(rest);
      if (!l || !LABEL_NAME.test(l[1]!)) throw new Error(`bad labels in: ${line}`);
      if (l[1]! in labels) throw new Error(`label ${l[1]} twice in: ${line}`);
      labels[l[1]!] = l[2]!.replace(/\\(["\\n])/g, (_x, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(l[0].length);
    }
    // Values are read as Go's ParseFloat reads them: NaN and Inf in any case (prom-client writes `Nan`).
    const special = /^([+-]?)(inf|nan)$/i.exec(valueText!);
    const value = special ? (special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity) : Number(valueText);
    if (!special && (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(valueText!) || Number.isNaN(value))) throw new Error(`bad value in: ${line}`);
    // A sample belongs to the family announced last (histogram/summary samples add suffixes to it).
    const owner = families.has(name!) ? name! : current;
    if (owner === undefined || !name!.startsWith(owner)) throw new Error(`sample ${name} outside its family`);
    family(owner).samples.push({ name: name!, labels, value });
  }
  const out = new Map<string, Family>();
  for (const [name, f] of families) {
    if (f.help === undefined || f.type === undefined) throw new Error(`${name} lacks HELP or TYPE`);
    out.set(name, { help: f.help, type: f.type, samples: f.samples });
  }
  return out;
}

/** The `group:name` a sample stands for, by docs/operations.md's rules. */
function statisticOf(sample: Sample, type: string): string {
  const { module, ...rest } = sample.labels;
  if (module === undefined) throw new Error(`${sample.name} has no module label`);
  const head = `siprc_${module.replace(/[^a-zA-Z0-9_]/g, '_')}_`;
  if (!sample.name.startsWith(head)) throw new Error(`${sample.name} does not start with ${head}`);
  let name = sample.name.slice(head.length);
  if (type === 'counter') {
    if (!name.endsWith('_total')) throw new Error(`counter ${sample.name} without _total`);
    name = name.slice(0, -'_total'.length);
  }
  const keys = Object.keys(rest).sort().join(',');
  const split: Record<string, () => string> = {
    'core|rcv_requests_method|method': () => `rcv_requests_${rest.method}`,
    'core|rcv_replies_class|class': () => `rcv_replies_${rest.class}`,
    'core|rcv_replies_class_method|class,method': () => `rcv_replies_${rest.class}_${rest.method}`,
    'core|rcv_replies_code|code': () => `rcv_replies_${rest.code}`,
    'sl|replies_class|class': () => `${rest.class}_replies`,
    'sl|replies_code|code': () => `${rest.code}_replies`,
    'tmx|transactions_class|class': () => `${rest.class}_transactions`,
    'usrloc|users|table': () => `${rest.table}_users`,
    'usrloc|contacts|table': () => `${rest.table}_contacts`,
    'usrloc|expires|table': () => `${rest.table}_expires`,
  };
  if (keys === '') return `${module}:${name}`;
  const rule = split[`${module}|${name}|${keys}`];
  if (!rule) throw new Error(`no rule for ${sample.name} with labels ${keys}`);
  return `${module}:${rule()}`;
}

function fetch(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

const portOf = (m: MetricsServer): number => Number(m.address.split(':').pop());

describe('siprc run --metrics', () => {
  let served: Served;
  let metrics: MetricsServer;

  beforeAll(async () => {
    served = await serveScript(SCRIPT);
    await playFlow(served.port, 31102, 31101);
    const started = await startMetrics({ metrics: '127.0.0.1:31100' }, served.server.worker.statistics!);
    if (!started || 'error' in started) throw new Error(started ? started.error : 'not started');
    metrics = started;
  }, 30_000);

  afterAll(async () => {
    await metrics?.close();
    await served?.stop();
  });

  it('exposes every statistic once, with HELP and TYPE, the values stats.get_statistics answers', async () => {
    const scraped = await fetch(portOf(metrics), '/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parseExposition(scraped.body);
    const fromMetrics = new Map<string, number>();
    for (const [name, f] of families) {
      if (!name.startsWith('siprc_') || f.samples.every((s) => s.labels.module === undefined)) continue; // the process metrics
      expect(['counter', 'gauge']).toContain(f.type);
      expect(f.help.length).toBeGreaterThan(0);
      for (const s of f.samples) {
        const stat = statisticOf(s, f.type);
        expect(fromMetrics.has(stat)).toBe(false);
        fromMetrics.set(stat, s.value);
      }
    }
    const { dispatcher } = controlDispatcher(served.server.worker.statistics!);
    const lines = (await dispatcher.call('stats.get_statistics', ['all'])) as string[];
    // The RPC's shmem group is Node's heap, which the endpoint gives as prom-client's process metrics
    // instead; a name's characters that a metric name cannot hold are `_` in both.
    const fromRpc = new Map(
      lines
        .map((l) => /^([^:]+):(\S+) = (-?\d+)$/.exec(l)!)
        .filter((m) => m[1] !== 'shmem')
        .map((m) => [`${m[1]}:${m[2]!.replace(/[^a-zA-Z0-9_]/g, '_')}`, Number(m[3])]),
    );
    expect(fromRpc.size).toBeGreaterThan(100);
    expect(Object.fromEntries(fromMetrics)).toEqual(Object.fromEntries(fromRpc));
    // The flow really counted: these are the values Kamailio 5.6 lists after it (test/runtime/stats).
    expect(fromMetrics.get('core:rcv_requests_invite')).toBe(2);
    expect(fromMetrics.get('core:rcv_replies_2xx_invite')).toBe(1);
    expect(fromMetrics.get('script:foo')).toBe(fromRpc.get('core:rcv_requests'));
    expect(fromMetrics.get('test:bar_baz')).toBe(5 * fromRpc.get('core:rcv_requests')!);
  });

  it('splits the families the documentation names by label, and sanitises names', async () => {
    const text = (await fetch(portOf(metrics), '/metrics')).body;
    expect(text).toContain('# TYPE siprc_core_rcv_requests_method_total counter');
    expect(text).toContain('siprc_core_rcv_requests_method_total{module="core",method="invite"} 2');
    expect(text).toContain('siprc_core_rcv_replies_class_method_total{module="core",class="2xx",method="invite"} 1');
    expect(text).toMatch(/^siprc_sl_replies_code_total\{module="sl",code="200"\} \d+$/m);
    expect(text).toMatch(/^siprc_usrloc_users\{module="usrloc",table="location"\} 1$/m);
    expect(text).toContain('# TYPE siprc_usrloc_registered_users gauge');
    expect(text).toMatch(/^siprc_test_bar_baz_total\{module="test"\} \d+$/m);
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    expect((await fetch(portOf(metrics), '/')).status).toBe(404);
    const posted = await new Promise<number>((resolve, reject) => {
      const req = (get as unknown as typeof import('node:http').request)({ host: '127.0.0.1', port: portOf(metrics), path: '/metrics', method: 'POST' }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
    });
    expect(posted).toBe(405);
  });
});

describe('the metrics token', () => {
  const stats = { groups: () => [] } as unknown as Parameters<typeof startMetrics>[1];

  it('refuses an address off loopback without a token, and a short token', async () => {
    expect(await startMetrics({ metrics: '0.0.0.0:31110' }, stats, {})).toEqual({ error: expect.stringContaining('not a loopback address') });
    expect(await startMetrics({ metrics: '127.0.0.1:31110', metricsToken: 'short' }, stats, {})).toEqual({ error: expect.stringContaining('16 characters') });
    expect(await startMetrics({ metrics: 'localhost:31110' }, stats, {})).toEqual({ error: expect.stringContaining('an IP address and port') });
  });

  it('requires the bearer token once one is set (from SIPRC_METRICS_TOKEN too)', async () => {
    const started = await startMetrics({ metrics: '127.0.0.1:31111' }, stats, { SIPRC_METRICS_TOKEN: 'a-token-of-24-characters' });
    if (!started || 'error' in started) throw new Error('not started');
    try {
      expect((await fetch(31111, '/metrics')).status).toBe(401);
      expect((await fetch(31111, '/metrics', { authorization: 'Bearer wrong-token-of-24-chars!' })).status).toBe(401);
      const ok = await fetch(31111, '/metrics', { authorization: 'Bearer a-token-of-24-characters' });
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('# TYPE siprc_process_cpu_seconds_total counter');
    } finally {
      await started.close();
    }
  });
});
