// jsonrpcs: siprc's control methods (the RPC dispatcher) over JSON-RPC 2.0,
// as Kamailio 5.6's module serves them: a FIFO file (fifo.ts), a Unix or
// UDP datagram socket (dgram.ts) and HTTP (http.ts), chosen by `transport`.
// The transports open when the server starts serving (siprc run), not for a
// one-message siprc exec; one that cannot open is logged and the others
// serve. Differences from Kamailio (docs/control.md): HTTP is served on a
// socket of jsonrpcs' own (http_socket, with http_token off loopback)
// instead of through xhttp, so jsonrpc_dispatch() is not provided, nor
// jsonrpc_exec() with $jsonrpl; the FIFO and the socket are created 0600
// unless fifo_mode/dgram_mode say otherwise (Kamailio: 0660); one process
// serves every transport (dgram_workers changes nothing).

import { defineModule, type ModuleInstance } from '../api.js';
import { serveDgram } from './dgram.js';
import { serveFifo, type Closable } from './fifo.js';
import { serveHttp } from './http.js';
import { settingsOf, type JsonrpcsSettings } from './settings.js';

interface State {
  readonly settings: JsonrpcsSettings;
  open: Closable[];
  stopped: boolean;
}

const states = new WeakMap<ModuleInstance, State>();
const log = (text: string): void => void process.stderr.write(`jsonrpcs: ${text}\n`);

/** Opens every transport asked for; one that cannot open is logged. */
async function open(module: ModuleInstance, state: State): Promise<void> {
  const { settings } = state;
  const rpc = module.rpc;
  const starting: Array<[string, () => Closable | Promise<Closable>]> = [];
  if (settings.fifo) {
    const f = settings.fifo;
    starting.push([`FIFO ${f.path}`, () => serveFifo(f.path, f.owner, f.replyDir, rpc, settings.pretty, log)]);
  }
  if (settings.dgram) {
    const d = settings.dgram;
    const where = d.address.kind === 'unix' ? d.address.path : `udp:${d.address.host}:${d.address.port}`;
    starting.push([`datagram socket ${where}`, () => serveDgram(d.address, d.owner, rpc, settings.pretty, log)]);
  }
  if (settings.http) {
    const h = settings.http;
    starting.push([`HTTP ${h.address.host}:${h.address.port}`, () => serveHttp(h.address, h.token, rpc, settings.pretty, log)]);
  }
  if (settings.httpWithoutSocket) log('the HTTP transport is served on http_socket in siprc (there is no xhttp): set it to serve HTTP');
  for (const [what, start] of starting) {
    try {
      const c = await start();
      if (state.stopped) await c.close();
      else state.open.push(c);
    } catch (e) {
      log(`cannot serve on ${what}: ${(e as Error).message}`);
    }
  }
  if (state.open.length > 0) log(`serving JSON-RPC on ${state.open.map((c) => c.where).join(', ')}`);
}

export const jsonrpcs = defineModule({
  name: 'jsonrpcs',
  params: [
    { name: 'pretty_format', type: 'int', default: 1, min: 0, max: 1 },
    { name: 'transport', type: 'int', default: 6, min: 0, max: 7 },
    { name: 'fifo_name', type: 'str', default: 'kamailio_rpc.fifo' },
    { name: 'fifo_mode', type: 'int', default: 0o600, min: 0, max: 0o7777 },
    { name: 'fifo_group', type: 'str', default: '' },
    { name: 'fifo_user', type: 'str', default: '' },
    { name: 'fifo_reply_dir', type: 'str', default: '/tmp/' },
    { name: 'dgram_socket', type: 'str', default: 'kamailio_rpc.sock' },
    { name: 'dgram_workers', type: 'int', default: 1, min: 1 },
    { name: 'dgram_mode', type: 'int', default: 0o600, min: 0, max: 0o7777 },
    { name: 'dgram_group', type: 'str', default: '' },
    { name: 'dgram_user', type: 'str', default: '' },
    { name: 'dgram_timeout', type: 'int', default: 2000, min: 0 },
    // siprc's own: HTTP without xhttp.
    { name: 'http_socket', type: 'str', default: '' },
    { name: 'http_token', type: 'str', default: '' },
  ],
  init(module) {
    const settings = settingsOf(module.params);
    if (typeof settings === 'string') return settings;
    states.set(module, { settings, open: [], stopped: false });
    return undefined;
  },
  childInit(module) {
    const state = states.get(module);
    if (state) void open(module, state);
  },
  async destroy(module) {
    const state = states.get(module);
    if (!state) return;
    state.stopped = true;
    await Promise.all(state.open.map((c) => c.close()));
    state.open = [];
  },
});
