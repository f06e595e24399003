// corex: the old core functions with variables in their arguments
// (append_branch, send_udp/send_tcp, send_data/sendx), sockets, internal and
// extended message flags, files, forward_reply, is_faked_msg and the
// local Via's extras (via.ts). Checked against Kamailio 5.6.
// Not provided: is_incoming with nio_intercept, nio_min_msg_len,
// nio_msg_avp and event_route[network:msg] (they need the server's raw
// receive and send paths to hand bytes to a route, which its transports do
// not offer modules); dns_cache (siprc has no DNS cache: names go to the
// system resolver); event_route[corex:reply-out] and evcb_reply_out (tm's
// and the core's replies would have to report to corex; the callback names
// a KEMI function). The control methods corex.debug, corex.list_sockets and
// corex.list_aliases are in rpc.ts (corex.shm_status, shm_summary and
// pkg_summary are not provided: siprc has no Kamailio memory allocator).

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
  commands: [...branchCommands, ...sendCommands, ...socketCommands, ...flagCommands, ...fileCommands, ...messageCommands, ...viaCommands],
  transformations: [sockTransformations],
  pseudoVariables: [cfgPositionClass],
  rpc: corexRpc,
  params: [{ name: 'alias_subdomains', type: 'str', repeatable: true }],
  init: (module) => {
    try {
      for (const alias of module.params.get('alias_subdomains') as readonly string[]) parseSubdomainAlias(alias);
    } catch (e) {
      if (e instanceof FixupError) return `alias_subdomains: ${e.message}`;
      throw e;
    }
    return undefined;
  },
  myselfNames: (module) => (module.params.get('alias_subdomains') as readonly string[]).map(parseSubdomainAlias),
});
