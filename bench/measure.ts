// Shared by the micro-benchmarks: the median time of an operation in one
// process, and the median over several fresh processes (a JIT can settle
// differently from one process to the next), printed with the spread.

import { execFileSync } from 'node:child_process';
import { machineLine } from './machine.mjs';

/**
 * Median time per operation in µs: batches of `batch` runs, `samples` batches
 * after a warm-up. `op` gets the run's number within its batch; `prepare`,
 * when given, runs before each batch, outside the time (to make each run's
 * input afresh).
 */
export function measure(op: (i: number) => unknown, batch = 2000, samples = 150, prepare?: () => void): number {
  for (let w = 0; w < 20; w++) {
    prepare?.();
    for (let i = 0; i < batch; i++) op(i);
  }
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    prepare?.();
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) op(i);
    times.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const PROCESSES = 5;

/** The figures (µs) of each process, keyed by name. */
export type Figures = Record<string, number>;

export interface Report {
  /** The median over the processes of one figure. */
  median(key: string): number;
  /** Prints one figure: its median, the spread, and whether it meets a target. */
  line(label: string, key: string, target?: number): void;
}

/**
 * In a child process (SIPRC_BENCH_CHILD set), prints `runOnce()`'s figures
 * and returns undefined; in the parent, runs `self` in fresh processes and
 * returns the report of their figures.
 */
export function acrossProcesses(self: string, runOnce: () => Figures): Report | undefined {
  if (process.env.SIPRC_BENCH_CHILD) {
    console.log(JSON.stringify(runOnce()));
    return undefined;
  }
  console.log(machineLine());
  const runs = Array.from(
    { length: PROCESSES },
    () => JSON.parse(execFileSync(process.execPath, [self], { env: { ...process.env, SIPRC_BENCH_CHILD: '1' }, encoding: 'utf8' })) as Figures,
  );
  const values = (key: string): number[] => runs.map((r) => r[key]!).sort((a, b) => a - b);
  const median = (key: string): number => values(key)[Math.floor(PROCESSES / 2)]!;
  return {
    median,
    line(label, key, target) {
      const us = median(key);
      const all = values(key);
      const verdict = target === undefined ? '' : `   (target ${target} µs: ${us <= target ? 'met' : 'NOT MET'})`;
      console.log(`${label.padEnd(58)} ${us.toFixed(2).padStart(6)} µs median   [${all[0]!.toFixed(2)}-${all[all.length - 1]!.toFixed(2)} over ${PROCESSES} processes]${verdict}`);
    },
  };
}
