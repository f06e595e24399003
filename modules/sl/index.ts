// sl: stateless replies to requests (with the To tag Kamailio's sl gives
// them), passing received replies on with another code, the $ltt To tag,
// the reply statistics, and the ACKs to its own replies filtered before the
// script (event_route[sl:filtered-ack] runs for each). Checked against
// Kamailio 5.6. The parameters event_callback_fl_ack and
// event_callback_lres_sent name KEMI functions: set, they refuse to start
// (siprc runs native scripts; the event routes run).

import { defineModule } from '../api.js';
import { kemiCallbackRefusal } from '../kit/kemi-callbacks.js';
import { filterAck } from './ack-filter.js';
import { localToTagClass } from './ltt.js';
import { replyCommands } from './replies.js';
import { slRpc } from './rpc.js';
import { slApi, slStatistics } from './stats.js';

export const sl = defineModule({
  name: 'sl',
  commands: replyCommands,
  params: [
    { name: 'default_code', type: 'int', default: 500 },
    { name: 'default_reason', type: 'str', default: 'Internal Server Error' },
    // Replies go statefully through tm when a transaction exists: never offline.
    { name: 'bind_tm', type: 'int', default: 1 },
    { name: 'rich_redirect', type: 'int', default: 0 },
    { name: 'event_callback_fl_ack', type: 'str', default: '' },
    { name: 'event_callback_lres_sent', type: 'str', default: '' },
  ],
  init: (module) => kemiCallbackRefusal(module, { event_callback_fl_ack: 'sl:filtered-ack', event_callback_lres_sent: 'sl:local-response' }),
  pseudoVariables: [localToTagClass],
  statistics: slStatistics,
  rpc: slRpc,
  api: slApi,
  requestReceived: filterAck,
});
