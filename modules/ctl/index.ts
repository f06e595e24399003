// ctl: Kamailio's binrpc control interface, so that kamcmd (and anything
// speaking binrpc) calls siprc's RPC methods. It listens where the `binrpc`
// parameters say (by default Unix stream socket /run/kamailio/kamailio_ctl,
// kamcmd's default; also Unix datagram, TCP and UDP), each request answered
// through the RPC dispatcher, and answers ctl.listen, ctl.connections and
// ctl.who itself. The sockets open when the server starts serving (siprc
// run), not for a one-message siprc exec. Left out: the obsolete fifo
// protocol (`fifo` is refused); binrpc_buffer_size sizes the buffer of
// Kamailio's printf-style replies, which siprc's methods do not make, so it
// changes nothing; autoconversion is left to the methods, which take the
// parameter types they document.

import { defineModule, type ModuleInstance } from '../api.js';
import { RpcError } from '../../runtime/rpc/dispatcher.js';
import { answer, type Dispatch } from './answer.js';
import { DEFAULT_BINRPC, describeEndpoint, parseEndpoint, type Endpoint } from './endpoints.js';
import { lookupId } from '../kit/owner.js';
import { listen, type Listening, type UnixOwnership } from './transports.js';

interface Settings {
  readonly endpoints: readonly Endpoint[];
  readonly owner: UnixOwnership;
  readonly limits: { readonly body: number; readonly struct: number };
}

/** What a running ctl holds: its settings from init, its sockets once serving. */
interface State {
  readonly settings: Settings;
  listening: Listening[];
  stopped: boolean;
}

const states = new WeakMap<ModuleInstance, State>();
const log = (text: string): void => void process.stderr.write(`ctl: ${text}\n`);

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

/** The settings from the parameters, or why they are wrong. */
function settingsOf(module: ModuleInstance): Settings | string {
  const p = module.params;
  if (list(p.get('fifo')).length > 0) return 'the fifo parameter (the obsolete FIFO protocol) is not available in siprc; use binrpc';
  const texts = list(p.get('binrpc'));
  const endpoints: Endpoint[] = [];
  for (const text of texts.length > 0 ? texts : [DEFAULT_BINRPC]) {
    const e = parseEndpoint(text);
    if ('error' in e) return `binrpc ${e.error}`;
    endpoints.push(e);
  }
  const ids: { uid?: number; gid?: number } = {};
  for (const kind of ['user', 'group'] as const) {
    const name = String(p.get(kind) ?? '');
    if (name === '') continue;
    const id = lookupId(name, kind);
    if (id === undefined) return `${kind} "${name}" does not exist`;
    ids[kind === 'user' ? 'uid' : 'gid'] = id;
  }
  return {
    endpoints,
    owner: { mode: Number(p.get('mode')), ...ids },
    limits: { body: Number(p.get('binrpc_max_body_size')) * 1024, struct: Number(p.get('binrpc_struct_max_body_size')) * 1024 },
  };
}

/**
 * Calls through the dispatcher; a method it does not have is answered as
 * Kamailio's ctl answers it (500 "command NAME not found").
 */
function dispatcherOf(module: ModuleInstance): Dispatch {
  return (method, params) => {
    if (module.rpc.help(method) === undefined) throw new RpcError(500, `command ${method} not found`);
    return module.rpc.call(method, params);
  };
}

/** Opens every socket; one that cannot open is logged and the others serve. */
async function open(module: ModuleInstance, state: State): Promise<void> {
  const dispatch = dispatcherOf(module);
  const respond = (packet: Parameters<typeof answer>[0]) => answer(packet, dispatch, state.settings.limits, log);
  for (const endpoint of state.settings.endpoints) {
    try {
      const l = await listen(endpoint, respond, state.settings.owner, log);
      if (state.stopped) await l.close();
      else state.listening.push(l);
    } catch (e) {
      log(`cannot listen on ${describeEndpoint(endpoint)}: ${(e as Error).message}`);
    }
  }
}

function stateOf(module: ModuleInstance): State {
  const state = states.get(module);
  if (!state) throw new Error('ctl is not running');
  return state;
}

export const ctl = defineModule({
  name: 'ctl',
  params: [
    { name: 'binrpc', type: 'str', repeatable: true },
    { name: 'binrpc_buffer_size', type: 'int', default: 1024, min: 1 },
    { name: 'mode', type: 'int', default: 0o600, min: 0, max: 0o7777 },
    { name: 'user', type: 'str', default: '' },
    { name: 'group', type: 'str', default: '' },
    { name: 'fifo', type: 'str', repeatable: true },
    { name: 'autoconversion', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'binrpc_max_body_size', type: 'int', default: 32, min: 1 },
    { name: 'binrpc_struct_max_body_size', type: 'int', default: 8, min: 1 },
  ],
  rpc: [
    {
      name: 'ctl.listen',
      help: 'Lists the sockets ctl listens on.',
      run: (module) => stateOf(module).listening.flatMap(({ endpoint: e }) => ['binrpc', e.proto, 'path' in e ? e.path : e.host, 'path' in e ? '' : String(e.port)]),
    },
    {
      name: 'ctl.connections',
      help: 'Returns the number of open binrpc connections.',
      run: (module) => stateOf(module).listening.reduce((n, l) => n + l.connections.size, 0),
    },
    {
      name: 'ctl.who',
      help: 'Lists the open binrpc connections.',
      run: (module) => {
        const open = stateOf(module).listening.flatMap((l) => [...l.connections]);
        if (open.length === 0) throw new RpcError(400, 'no open stream connection');
        return open.flatMap((c) => ['binrpc', c.proto, ...c.from, ...c.to]);
      },
    },
  ],
  init(module) {
    const settings = settingsOf(module);
    if (typeof settings === 'string') return settings;
    states.set(module, { settings, listening: [], stopped: false });
    return undefined;
  },
  childInit(module) {
    const state = stateOf(module);
    void open(module, state);
  },
  async destroy(module) {
    const state = states.get(module);
    if (!state) return;
    state.stopped = true;
    await Promise.all(state.listening.map((l) => l.close()));
    state.listening = [];
  },
});
