// The statistics of the sl module: replies sent by class (with the codes
// Kamailio counts on their own), all replies sent, failures to reply, and
// ACKs filtered as answers to our own replies. Checked against Kamailio 5.6
// (kamcmd stats.get_statistics sl:), whose counters 1xx_replies and
// sent_err_replies never move: provisional replies count as xxx_replies.

import type { ExecContext, StatisticDecl, Statistics } from '../api.js';

const counter = (name: string, help: string): StatisticDecl => ({ name, kind: 'counter', help });

/** Codes with a counter of their own; the others count in their class (2xx ... 6xx) or in xxx. */
const OWN_CODES = [200, 202, 300, 301, 302, 400, 401, 403, 404, 407, 408, 483, 500];

export const slStatistics: readonly StatisticDecl[] = [
  counter('1xx_replies', 'provisional replies sent (never counted, as in Kamailio: they count as xxx)'),
  ...OWN_CODES.map((code) => counter(`${code}_replies`, `${code} replies sent`)),
  ...['2xx', '3xx', '4xx', '5xx', '6xx'].map((cls) => counter(`${cls}_replies`, `${cls} replies sent other than those counted by code`)),
  counter('xxx_replies', 'replies sent with a code below 200 or above 699'),
  counter('sent_replies', 'all replies sent'),
  counter('sent_err_replies', 'error replies sent (never counted, as in Kamailio)'),
  counter('failures', 'replies that could not be sent'),
  counter('received_ACKs', 'ACKs to our own replies, filtered'),
];

/** The counter a reply with this code adds to. */
function counterOf(code: number): string {
  if (code < 200 || code >= 700) return 'xxx_replies';
  if (OWN_CODES.includes(code)) return `${code}_replies`;
  return `${Math.floor(code / 100)}xx_replies`;
}

export function countSentReply(stats: Statistics, code: number): void {
  stats.add(counterOf(code));
  stats.add('sent_replies');
}

/** What other modules use of sl: counting the stateless replies they send as sl's (Kamailio's modules reply through sl's API). */
export interface SlApi {
  countReply(ctx: ExecContext, code: number): void;
}

export const slApi: SlApi = {
  countReply: (ctx, code) => {
    const group = ctx.worker.statistics?.find('sl');
    if (group) countSentReply(group, code);
  },
};
