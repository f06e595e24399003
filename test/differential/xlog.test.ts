// Differential test: each script in test/differential/xlog/ (expressions,
// pseudo-variables, transformations, module commands, all observed through
// xlog) runs on the real Kamailio 5.6 and through `siprc exec` on the same
// message; their log lines must be the same, line by line. A script names
// its message on its first line (`# message: register.sip`; INVITE if not).
// Skipped where Kamailio is not installed.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasKamailio, runKamailio, runSiprc, type KamailioRun } from './kamailio.js';

const DIR = 'test/differential/xlog';
const scripts = readdirSync(DIR).filter((f) => f.endsWith('.cfg')).sort();

function messageOf(script: string): string {
  const m = /^#\s*message:\s*(\S+)/.exec(script);
  return join(DIR, 'messages', m ? m[1]! : 'invite.sip');
}

/** Kamailio's runs, a few at a time (each on its own ports). */
const kamailio = new Map<string, { readonly run: KamailioRun; readonly slot: number }>();
const PARALLEL = 3;

beforeAll(async () => {
  if (!hasKamailio) return;
  let next = 0;
  const worker = async (slot: number): Promise<void> => {
    while (next < scripts.length) {
      const file = scripts[next++]!;
      const script = readFileSync(join(DIR, file), 'utf8');
      kamailio.set(file, { run: await runKamailio(script, readFileSync(messageOf(script)), 5900 + slot, 5950 + slot), slot });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(i)));
}, 180_000);

(hasKamailio ? describe : describe.skip)('xlog output of siprc exec and Kamailio 5.6', () => {
  it('has at least 60 scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(60);
  });

  it.each(scripts)('%s', (file) => {
    const script = readFileSync(join(DIR, file), 'utf8');
    const { run: expected, slot } = kamailio.get(file)!;
    const ours = runSiprc(script, messageOf(script), 5900 + slot, 5950 + slot);
    expect(ours.stderr).toBe('');
    if (expected.lines.length === 0) throw new Error(`Kamailio logged nothing:\n${expected.stderr}`);
    expect(ours.lines).toEqual(expected.lines);
  });
});
