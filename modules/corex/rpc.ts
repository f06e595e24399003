// corex's control methods, with Kamailio 5.6's result shapes (compared with
// kamcmd on loopback): corex.debug (reads or sets core's debug level, the
// setting cfg_rpc's `cfg.seti core debug` changes), corex.list_sockets (the
// listen sockets by protocol, udp then tcp, each in the script's order; one
// listen= without a protocol is both) and corex.list_aliases (the script's
// alias= names, newest first). corex.shm_status, shm_summary and
// pkg_summary are not provided: they log Kamailio's memory allocator's
// chunks, which siprc (on Node's heap) does not have.

import type { ModuleInstance, RpcDecl } from '../api.js';
import type { ListenSocket, LocalIdentity, MyselfName } from '../../runtime/exec/context.js';
import { cfgVars } from '../../runtime/cfg-vars.js';

const fault = (code: number, message: string): Error => Object.assign(new Error(message), { code });
const PROTOS = ['udp', 'tcp'] as const;

function serving(module: ModuleInstance): LocalIdentity {
  const identity = module.worker.host.serving;
  if (!identity) throw fault(500, 'the server is not serving');
  return identity;
}

function socketView(proto: string, s: ListenSocket): Record<string, unknown> {
  return {
    PROTO: proto,
    NAME: s.address,
    ADDRLIST: { ADDR: s.address },
    PORT: s.port,
    // siprc's listen= has no multicast, multi-homed (SCTP) or virtual sockets.
    MCAST: 'no',
    MHOMED: 'no',
    VIRTUAL: 'no',
    SOCKNAME: s.name ?? '-',
    ADVERTISE: s.advertise?.address ?? '-',
  };
}

/** The alias= names: the names of this server that are not a listen socket's own or advertised address, nor a sub-domain rule. */
function aliases(identity: LocalIdentity): MyselfName[] {
  const own = new Set((identity.sockets ?? []).flatMap((s) => [s.address, ...(s.advertise ? [s.advertise.address] : [])]));
  own.add(identity.socket.address);
  const seen = new Set<string>();
  return identity.names.filter((n) => {
    const key = `${n.proto ?? '*'} ${n.host} ${n.port ?? 0}`;
    if (n.subdomains || own.has(n.host) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const corexRpc: readonly RpcDecl[] = [
  {
    name: 'corex.debug',
    help: 'Answers the core debug level; given an integer, sets it and answers the old and new levels.',
    run: (_module, params) => {
      const debug = cfgVars.find('core', 'debug');
      if (!debug) throw fault(500, 'the server is not serving');
      const old = debug.get();
      const level = params[0];
      // As Kamailio: a parameter that is not an integer is no parameter.
      if (typeof level !== 'number' || !Number.isInteger(level)) return { debug: old };
      debug.set(level);
      return { old, new: level };
    },
  },
  {
    name: 'corex.list_sockets',
    help: 'Lists the sockets siprc listens on.',
    run: (module) => {
      const sockets = serving(module).sockets ?? [];
      return PROTOS.flatMap((p) => sockets.filter((s) => s.proto === undefined || s.proto === p).map((s) => socketView(p, s)));
    },
  },
  {
    name: 'corex.list_aliases',
    help: 'Lists the alias names that are this server (myself).',
    run: (module) =>
      aliases(serving(module))
        .reverse()
        .map((n) => ({ PROTO: n.proto ?? '*', ADDR: n.host, PORT: n.port ?? 0 })),
  },
];
