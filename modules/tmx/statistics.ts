// tmx's statistics: tm's transaction counters as Kamailio 5.6 exports them
// (group `tmx`), counted by tm (modules/tm/stats.ts).

import type { StatisticDecl } from '../api.js';

const counter = (name: string, help: string): StatisticDecl => ({ name, kind: 'counter', help });
const gauge = (name: string, help: string): StatisticDecl => ({ name, kind: 'gauge', help });

export const tmxStatistics: readonly StatisticDecl[] = [
  counter('UAS_transactions', 'transactions made for received requests'),
  counter('UAC_transactions', 'transactions this server started itself (siprc starts none: it has no t_uac)'),
  ...[2, 3, 4, 5, 6].map((c) => counter(`${c}xx_transactions`, `transactions completed with a ${c}xx final reply`)),
  gauge('inuse_transactions', 'transactions in memory (waiting to be deleted included)'),
  gauge('active_transactions', 'transactions in memory that have not sent their final reply'),
  counter('rpl_received', 'replies received for our branches'),
  counter('rpl_relayed', 'replies relayed upstream'),
  counter('rpl_absorbed', 'replies received and not relayed (100, late or repeated final replies)'),
  counter('rpl_generated', 'replies made here (t_reply, 100 Trying, local 408)'),
  counter('rpl_sent', 'replies sent upstream (relayed and generated)'),
];
