// The types of bench/ports-free.mjs, for the TypeScript tests that use it.
/** Waits until few connections are left in TIME_WAIT (at most 70 s). */
export function portsFree(): Promise<void>;
