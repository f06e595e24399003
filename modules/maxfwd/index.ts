// maxfwd: Max-Forwards handling (loop prevention, RFC 3261 16.3 and 16.6).
// maxfwd_process adds the header or decrements it, capped at max_limit;
// is_maxfwd_lt compares its current value. Behaviour checked against
// Kamailio 5.6: a second maxfwd_process decrements again, is_maxfwd_lt
// sees the value as this module last set it, and a received value above
// 255 (RFC 3261's range) is read as long as it fits in 32 bits, then capped.

import { defineModule, type CommandHandler } from '../api.js';
import type { ExecContext } from '../../runtime/exec/context.js';
import { parseDecimal } from '../../runtime/sip/chars.js';
import { keyInfo } from '../../runtime/sip/header-names.js';

/** The header's value as this module last set it, and the line it is on: received (its index), or added by us (its handle). */
interface MaxForwardsState {
  value: number;
  /** The received line's index, or -1. */
  readonly received: number;
  /** The handle of the line we added (MessageEdits.insertHeader), or -1. */
  readonly added: number;
}

const STATE = 'maxfwd';

const MAX_FORWARDS = keyInfo('max-forwards');

/** The largest received value Kamailio reads (an unsigned 32-bit number); a longer one is unreadable. */
const MAX_READ = 2 ** 32 - 1;

/**
 * The current Max-Forwards: as last set here, or as received (digits, any
 * value up to MAX_READ: Kamailio caps 300 at max_limit, it does not refuse
 * it); undefined when absent; 'bad' when unreadable.
 */
function current(ctx: ExecContext): MaxForwardsState | undefined | 'bad' {
  const known = ctx.state.get(STATE) as MaxForwardsState | undefined;
  if (known) return known;
  const line = ctx.message.findHeader(MAX_FORWARDS);
  if (line < 0) return undefined;
  const value = parseDecimal(ctx.message.headerValue(line).trim(), MAX_READ);
  return value === undefined ? 'bad' : { value, received: line, added: -1 };
}

const process: CommandHandler = (ctx, args, params) => {
  const state = current(ctx);
  if (state === 'bad') return -2;
  const limit = params.get('max_limit') as number;
  if (state === undefined) {
    const value = args[0] as number;
    ctx.state.set(STATE, { value, received: -1, added: ctx.edits.insertHeader(`Max-Forwards: ${value}`) });
    return 2;
  }
  if (state.value === 0) return -1;
  state.value = Math.min(state.value - 1, limit);
  if (state.received >= 0) ctx.edits.replaceHeaderValue(state.received, String(state.value));
  else ctx.edits.replaceInsertedHeader(state.added, `Max-Forwards: ${state.value}`);
  ctx.state.set(STATE, state);
  return 1;
};

const lessThan: CommandHandler = (ctx, args) => {
  const state = current(ctx);
  if (state === 'bad') return -3;
  if (state === undefined) return -2;
  return state.value < (args[0] as number) ? 1 : -1;
};

const MAX_VALUE = [{ name: 'max_value', type: 'int' as const }];

export const maxfwd = defineModule({
  name: 'maxfwd',
  commands: [
    ...['maxfwd_process', 'mf_process_maxfwd_header', 'process_maxfwd'].map((name) => ({ name, args: MAX_VALUE, routes: ['request' as const, 'event' as const], run: process })),
    ...['is_maxfwd_lt', 'maxfwd_at_least', 'mf_lowlimit'].map((name) => ({
      name,
      args: MAX_VALUE,
      routes: ['request' as const, 'failure' as const, 'branch' as const, 'event' as const],
      run: lessThan,
    })),
  ],
  params: [{ name: 'max_limit', type: 'int', default: 70, min: 1, max: 256 }],
  // Read on every call (process), so a reload may change it.
  reloadableParams: ['max_limit'],
});
