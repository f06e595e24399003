// sanity: checks a request against the rules of RFC 3261 and its
// extensions, as Kamailio 5.6's module of that name does, and answers a
// broken one with the reply the failed check calls for (through sl, which
// it needs loaded).

import { command, defineModule } from '../api.js';
import { sanityCheck, sanityReply } from './run.js';

const ROUTES = ['request', 'onreply', 'reply', 'event'] as const;
const MSG_CHECKS = { name: 'msg_checks', type: 'intpv' } as const;
const URI_CHECKS = { name: 'uri_checks', type: 'intpv' } as const;

export const sanity = defineModule({
  name: 'sanity',
  commands: [
    command({
      name: 'sanity_check',
      args: [],
      routes: ROUTES,
      run: (ctx, _args, params) => sanityCheck(ctx, params, params.get('default_checks') as number, params.get('uri_checks') as number),
    }),
    command({ name: 'sanity_check', args: [MSG_CHECKS], routes: ROUTES, run: (ctx, [checks], params) => sanityCheck(ctx, params, checks, params.get('uri_checks') as number) }),
    command({ name: 'sanity_check', args: [MSG_CHECKS, URI_CHECKS], routes: ROUTES, run: (ctx, [checks, uris], params) => sanityCheck(ctx, params, checks, uris) }),
    command({ name: 'sanity_reply', args: [], routes: ROUTES, run: (ctx, _args, params) => sanityReply(ctx, params) }),
  ],
  params: [
    { name: 'default_checks', type: 'int', default: 3047 },
    { name: 'uri_checks', type: 'int', default: 7 },
    { name: 'proxy_require', type: 'str', default: '' },
    { name: 'autodrop', type: 'int', default: 1 },
    { name: 'noreply', type: 'int', default: 0 },
  ],
  init: (module) => (module.isLoaded('sl') ? undefined : 'cannot bind to the SL API: load module sl before sanity'),
});
