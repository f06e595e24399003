// The line each benchmark prints first: the machine that measured it. Absolute
// figures differ from one host to the next (the same code read ~40 % apart on
// two hosts of the same kind), so they compare only within one host.
import { cpus } from 'node:os';

/** `machine: PROCESSOR x CORES, Node.js VERSION`, then any further parts (tool versions). */
export function machineLine(...more) {
  const cores = cpus();
  return [`machine: ${cores[0]?.model.trim() ?? 'unknown processor'} x ${cores.length}`, `Node.js ${process.version}`, ...more].join(', ');
}
