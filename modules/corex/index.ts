// corex: the old core functions with variables in their arguments
// (append_branch, send_udp/send_tcp, send_data/sendx), sockets, internal and
// extended message flags, files, forward_reply, is_faked_msg and the
// local Via's extras (via.ts), addresses for names (dns_cache, see
// dns-cache.ts) and network I/O interception (nio.ts: nio_* and
// event_route[network:msg]). event_route[corex:reply-out] runs on sl's
// local replies (sl raises it); evcb_reply_out names a KEMI function and is
// refused when set. Checked against Kamailio 5.6. The control methods
// corex.debug, corex.list_sockets and corex.list_aliases are in rpc.ts
// (corex.shm_status, shm_summary and pkg_summary are not provided: siprc
// has no Kamailio memory allocator).

import { ANY_ROUTE, FixupError, command, defineModule, type CommandDecl } from '../api.js';
import { forwardReply } from '../../runtime/exec/core-functions.js';
import { branchCommands } from './branches.js';
import { fileCommands } from './files.js';
import { flagCommands } from './flags.js';
import { sendCommands } from './send.js';
import { socketCommands } from './sockets.js';
import { sockTransformations } from './sock-transformation.js';
import { viaCommands } from './via.js';
import { parseSubdomainAlias } from './aliases.js';
import { parseDnsRecord } from './dns-cache.js';
import { nioAvp, nioCommands, nioFilter } from './nio.js';
import { kemiCallbackRefusal } from '../kit/kemi-callbacks.js';
import { cfgPositionClass } from './cfg-position.js';
import { corexRpc } from './rpc.js';

const messageCommands: readonly CommandDecl[] = [
  // siprc runs received messages only, never Kamailio's internal faked one.
  command({ name: 'is_faked_msg', args: [], routes: ANY_ROUTE, run: () => -1 }),
  // Passes the reply on now; the core passes it on again at the end unless the script drops it.
  command({ name: 'forward_reply', args: [], routes: ['reply'], run: (ctx) => forwardReply(ctx) }),
];

export const corex = defineModule({
  name: 'corex',
  commands: [...branchCommands, ...sendCommands, ...socketCommands, ...flagCommands, ...fileCommands, ...messageCommands, ...viaCommands, ...nioCommands],
  transformations: [sockTransformations],
  pseudoVariables: [cfgPositionClass],
  rpc: corexRpc,
  params: [
    { name: 'alias_subdomains', type: 'str', repeatable: true },
    { name: 'dns_cache', type: 'str', repeatable: true },
    { name: 'nio_intercept', type: 'int', default: 0 },
    { name: 'nio_min_msg_len', type: 'int', default: 0 },
    { name: 'nio_msg_avp', type: 'str', default: '' },
    { name: 'evcb_reply_out', type: 'str', default: '' },
  ],
  init: (module) => {
    const kemi = kemiCallbackRefusal(module, { evcb_reply_out: 'corex:reply-out' });
    if (kemi) return kemi;
    let param = 'alias_subdomains';
    try {
      for (const alias of module.params.get(param) as readonly string[]) parseSubdomainAlias(alias);
      param = 'dns_cache';
      for (const record of module.params.get(param) as readonly string[]) module.worker.names.add(parseDnsRecord(record));
      param = 'nio_msg_avp';
      nioAvp(module);
    } catch (e) {
      if (e instanceof FixupError) return `${param}: ${e.message}`;
      throw e;
    }
    return undefined;
  },
  wireFilter: nioFilter,
  myselfNames: (module) => (module.params.get('alias_subdomains') as readonly string[]).map(parseSubdomainAlias),
});
