// via_add_srvid: the Via siprc adds to the requests it sends carries
// `;srvid=` with the server_id core parameter (only when that is not 0),
// after rport, as Kamailio 5.6 writes it. As in Kamailio 5.6.3, a later
// via_add_srvid(0) does not take it back (its README says it would).

import { ANY_ROUTE, command, type CommandDecl } from '../api.js';

export const viaCommands: readonly CommandDecl[] = [
  command({
    name: 'via_add_srvid',
    args: [{ name: 'flags', type: 'int' }],
    routes: ANY_ROUTE,
    run: (ctx, [flags]) => {
      if (flags !== 0) ctx.viaServerId = true;
      return 1;
    },
  }),
];
