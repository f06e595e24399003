// The types of bench/machine.mjs, for the TypeScript benchmarks that use it.
/** `machine: PROCESSOR x CORES, Node.js VERSION`, then any further parts (tool versions). */
export function machineLine(...more: string[]): string;
