// kex's flag commands: script flags (setsflag, resetsflag, issflagset) and
// branch flags of the Request-URI (branch 0) or of an added branch (1 on),
// with flag and branch numbers given as constants or integer variables.
// Return codes checked against Kamailio 5.6: -1 for a flag outside 0-31, a
// variable that holds no integer, or a branch that does not exist.

import { ANY_ROUTE, command, type CommandDecl, type ExecContext } from '../api.js';

const FLAG = { name: 'flag', type: 'intpv' } as const;
const BRANCH = { name: 'branch', type: 'intpv' } as const;

const validFlag = (flag: number | undefined): flag is number => flag !== undefined && flag >= 0 && flag <= 31;

/** Reads and writes one set of 32 flags. */
interface FlagSet {
  get(): number;
  set(flags: number): void;
}

const scriptFlags = (ctx: ExecContext): FlagSet => ({ get: () => ctx.scriptFlags, set: (f) => void (ctx.scriptFlags = f) });

/** The flags of branch `index` (0: the Request-URI), or undefined when there is no such branch. */
function branchFlags(ctx: ExecContext, index: number | undefined): FlagSet | undefined {
  if (index === undefined || index < 0) return undefined;
  if (index === 0) return { get: () => ctx.branchFlags, set: (f) => void (ctx.branchFlags = f) };
  const branch = ctx.branches[index - 1];
  return branch && { get: () => branch.flags, set: (f) => void (branch.flags = f) };
}

type Operation = (flags: FlagSet, bit: number) => number;

const setFlag: Operation = (flags, bit) => {
  flags.set(flags.get() | bit);
  return 1;
};
const resetFlag: Operation = (flags, bit) => {
  flags.set(flags.get() & ~bit);
  return 1;
};
const isFlagSet: Operation = (flags, bit) => ((flags.get() & bit) !== 0 ? 1 : -1);

function apply(flags: FlagSet | undefined, flag: number | undefined, operation: Operation): number {
  if (!validFlag(flag) || !flags) return -1;
  return operation(flags, (1 << flag) >>> 0);
}

const OPERATIONS: ReadonlyArray<readonly [string, Operation]> = [
  ['set', setFlag],
  ['reset', resetFlag],
  ['is', isFlagSet],
];

/** issflagset, isbflagset: "is" + letter + "flagset"; the others: operation + letter + "flag". */
const commandName = (operation: string, letter: 's' | 'b'): string => (operation === 'is' ? `is${letter}flagset` : `${operation}${letter}flag`);

export const flagCommands: readonly CommandDecl[] = OPERATIONS.flatMap(([name, operation]) => [
  command({ name: commandName(name, 's'), args: [FLAG], routes: ANY_ROUTE, run: (ctx, [flag]) => apply(scriptFlags(ctx), flag, operation) }),
  command({ name: commandName(name, 'b'), args: [FLAG], routes: ANY_ROUTE, run: (ctx, [flag]) => apply(branchFlags(ctx, 0), flag, operation) }),
  command({ name: commandName(name, 'b'), args: [FLAG, BRANCH], routes: ANY_ROUTE, run: (ctx, [flag, branch]) => apply(branchFlags(ctx, branch), flag, operation) }),
]);
