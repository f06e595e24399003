// via_add_srvid: the Via siprc adds to the requests it sends carries
// `;srvid=` with the server_id core parameter (only when that is not 0),
// after rport, as Kamailio 5.6 writes it. As in Kamailio 5.6.3, a later
// via_add_srvid(0) does not take it back (its README says it would).
// via_add_xavp_params: that Via also carries the fields of the XAVP
// xavp_via_params names (runtime/exec/next-hop.ts writes them), fixed when
// the message's first Via is written, as in Kamailio 5.6.3.
// via_use_xavp_fields: in Kamailio 5.6.3 the core never takes the name
// xavp_via_fields gives (its value goes to xavp_via_params' name instead,
// see cli/script-settings.ts), so asking for its fields changes no Via; the
// same holds here.

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
  command({
    name: 'via_add_xavp_params',
    args: [{ name: 'flags', type: 'int' }],
    routes: ANY_ROUTE,
    run: (ctx, [flags]) => {
      ctx.viaXavpParams = flags !== 0;
      return 1;
    },
  }),
  command({ name: 'via_use_xavp_fields', args: [{ name: 'flags', type: 'int' }], routes: ANY_ROUTE, run: () => 1 }),
];
