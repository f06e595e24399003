// Acceptance for issue 6, item 3: two `siprc run` processes serving
// examples/registrar-redis.cfg on different ports (30160 and 30161) share one
// Redis (started by the test on 30379, usrloc db_mode 3): a user registered
// through one node is reachable through the other. SIPp phones register with
// digest authentication against subscribers `siprc db add` wrote to the same
// Redis, and a call placed through the other node completes, BYE included.

import { describeWithServer, startServer, type DbServer } from '../modules/db/servers.js';
import { call, locationRows, register, serveWithin, siprcDb, stopServer, type Phone } from './registrations.js';
import { hasSipp, type RunningServer } from './sipp-harness.js';

if (!hasSipp && process.env.CI) throw new Error('SIPp (Debian package sip-tester) is missing: CI must install it (.ci/run)');

const SCRIPT = 'examples/registrar-redis.cfg';
const NODE_A = 30160;
const NODE_B = 30161;
const alice: Phone = { user: 'alice', password: 'alice-secret', port: 30170 };
const bob: Phone = { user: 'bob', password: 'bob-secret', port: 30180 };

(hasSipp ? describeWithServer('redis') : describe.skip)('two siprc nodes sharing one Redis location table', () => {
  let redis: DbServer;
  const nodes: RunningServer[] = [];
  const node = (port: number) => serveWithin(SCRIPT, ['-A', 'WITH_AUTH', '-A', `DBURL="${redis.url}"`, '-l', `udp:127.0.0.1:${port}`]);

  beforeAll(async () => {
    redis = await startServer('redis', 30379);
    siprcDb(['init', '--url', redis.url]);
    for (const phone of [alice, bob]) siprcDb(['add', `${phone.user}@127.0.0.1`, phone.password, '--url', redis.url]);
    // Each node is kept as soon as it serves, so that afterAll stops it whatever fails next.
    nodes.push(await node(NODE_A));
    nodes.push(await node(NODE_B));
  }, 120_000);

  afterAll(async () => {
    try {
      for (const n of nodes) await stopServer(n);
    } finally {
      await redis?.destroy();
    }
  }, 60_000);

  it('keeps a registration made through node A in Redis, with node A as its socket', async () => {
    expect(await register(nodes[0]!, NODE_A, bob)).toEqual({ successful: 1, failed: 0 });
    expect(await locationRows(redis.url, 'bob')).toEqual([{ username: 'bob', contact: `sip:bob@127.0.0.1:${bob.port}`, socket: `udp:127.0.0.1:${NODE_A}` }]);
  }, 60_000);

  it('reaches the user registered through node A with a call through node B: the call completes and BYE goes through', async () => {
    expect(await register(nodes[1]!, NODE_B, alice)).toEqual({ successful: 1, failed: 0 });
    expect(await call(nodes[1]!, NODE_B, alice, bob)).toEqual({ caller: { successful: 1, failed: 0 }, callee: { successful: 1, failed: 0 } });
  }, 90_000);

  it('reaches the user registered through node B through node A too', async () => {
    expect(await call(nodes[0]!, NODE_A, bob, alice)).toEqual({ caller: { successful: 1, failed: 0 }, callee: { successful: 1, failed: 0 } });
  }, 90_000);
});
