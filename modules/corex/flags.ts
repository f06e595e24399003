// Message flags beyond the script's: the internal ones other modules read
// (msg_iflag_set/reset/is_set: USE_UAC_FROM, USE_UAC_TO, UAC_AUTH, any case)
// and 64 extended ones (setxflag, resetxflag, isxflagset). Return codes as
// Kamailio 5.6's, even msg_iflag_set setting every flag for an unknown name.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext } from '../api.js';

/** Where the internal flags are kept in the message's state (a bit mask of INTERNAL_FLAGS). */
export const INTERNAL_FLAGS_STATE = 'corex.msg_iflags';
const INTERNAL_FLAGS: Readonly<Record<string, number>> = { USE_UAC_FROM: 1, USE_UAC_TO: 2, UAC_AUTH: 4 };
const ALL_INTERNAL = 7;

const internalFlags = (ctx: ExecContext): number => (ctx.state.get(INTERNAL_FLAGS_STATE) as number | undefined) ?? 0;
const internalFlag = (name: string): number | undefined => INTERNAL_FLAGS[name.toUpperCase()];

function setInternal(ctx: ExecContext, name: string): number {
  // Kamailio checks the lookup against 1 instead of -1, so an unknown name sets every flag.
  ctx.state.set(INTERNAL_FLAGS_STATE, internalFlags(ctx) | (internalFlag(name) ?? ALL_INTERNAL));
  return 1;
}

function resetInternal(ctx: ExecContext, name: string): number {
  const flag = internalFlag(name);
  if (flag === undefined) return -1;
  ctx.state.set(INTERNAL_FLAGS_STATE, internalFlags(ctx) & ~flag);
  return 1;
}

function isInternalSet(ctx: ExecContext, name: string): number {
  const flag = internalFlag(name);
  if (flag === undefined) return -1;
  return internalFlags(ctx) & flag ? 1 : -2;
}

/** The extended flags: 64 of them, kept with the message. */
const EXTENDED_FLAGS_STATE = 'corex.xflags';
const MAX_XFLAG = 63;

const extendedFlags = (ctx: ExecContext): bigint => (ctx.state.get(EXTENDED_FLAGS_STATE) as bigint | undefined) ?? 0n;

function extended(operation: (flags: bigint, bit: bigint) => bigint | boolean): (ctx: ExecContext, args: readonly [number | undefined]) => number {
  return (ctx, [flag]) => {
    if (flag === undefined || flag < 0 || flag > MAX_XFLAG) return -1;
    const result = operation(extendedFlags(ctx), 1n << BigInt(flag));
    if (typeof result === 'boolean') return result ? 1 : -1;
    ctx.state.set(EXTENDED_FLAGS_STATE, result);
    return 1;
  };
}

const NAME = [{ name: 'flagname', type: 'spve' }] as const;
const FLAG = [{ name: 'flag', type: 'intpv' }] as const;

export const flagCommands: readonly CommandDecl[] = [
  command({ name: 'msg_iflag_set', args: NAME, routes: ANY_ROUTE, run: (ctx, [name]) => setInternal(ctx, name) }),
  command({ name: 'msg_iflag_reset', args: NAME, routes: ANY_ROUTE, run: (ctx, [name]) => resetInternal(ctx, name) }),
  command({ name: 'msg_iflag_is_set', args: NAME, routes: ANY_ROUTE, run: (ctx, [name]) => isInternalSet(ctx, name) }),
  command({ name: 'setxflag', args: FLAG, routes: ANY_ROUTE, run: extended((flags, bit) => flags | bit) }),
  command({ name: 'resetxflag', args: FLAG, routes: ANY_ROUTE, run: extended((flags, bit) => flags & ~bit) }),
  command({ name: 'isxflagset', args: FLAG, routes: ANY_ROUTE, run: extended((flags, bit) => (flags & bit) !== 0n) }),
];
