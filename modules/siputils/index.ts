// siputils: SIP message and URI helpers, as Kamailio 5.6's module of that
// name: OPTIONS replies, Request-URI parameters, comparisons, number and URI
// checks, URI rewriting, Contact encoding, Remote-Party-ID and $pcv. Like
// Kamailio's, it needs sl for its replies.

import { defineModule } from '../api.js';
import { chargingVectorClass, chargingVectorCommands } from './charging-vector.js';
import { compareCommands } from './compare.js';
import { contactEncodeCommands } from './contact-encode.js';
import { contactParamCommands } from './contact-param.js';
import { dateCheckCommands } from './date-check.js';
import { messageCheckCommands } from './message-checks.js';
import { optionsCommands } from './options.js';
import { rpidAvpName, rpidCommands } from './rpid.js';
import { ruriParamCommands } from './ruri-params.js';
import { textCheckCommands } from './text-checks.js';
import { uriCheckCommands } from './uri-checks.js';
import { uriRewriteCommands } from './uri-rewrite.js';

export const siputils = defineModule({
  name: 'siputils',
  commands: [
    ...optionsCommands,
    ...chargingVectorCommands,
    ...messageCheckCommands,
    ...dateCheckCommands,
    ...ruriParamCommands,
    ...textCheckCommands,
    ...uriCheckCommands,
    ...compareCommands,
    ...uriRewriteCommands,
    ...contactEncodeCommands,
    ...contactParamCommands,
    ...rpidCommands,
  ],
  pseudoVariables: [chargingVectorClass],
  params: [
    { name: 'options_accept', type: 'str', default: '*/*' },
    { name: 'options_accept_encoding', type: 'str', default: '' },
    { name: 'options_accept_language', type: 'str', default: 'en' },
    { name: 'options_support', type: 'str', default: '' },
    { name: 'contact_flds_separator', type: 'str', default: '*' },
    { name: 'rpid_prefix', type: 'str', default: '' },
    { name: 'rpid_suffix', type: 'str', default: ';party=calling;id-type=subscriber;screen=yes' },
    { name: 'rpid_avp', type: 'str', default: '$avp(s:rpid)' },
  ],
  init: (module) => {
    if (!module.isLoaded('sl')) return 'cannot bind to the SL API: load module sl before siputils';
    const avp = module.params.get('rpid_avp') as string;
    if (avp !== '' && rpidAvpName(module.params) === undefined) return `rpid_avp "${avp}" is not an AVP ($avp(name))`;
    return undefined;
  },
});
