// corex's file_read and file_write run by `siprc exec` (in a temporary
// directory). Return codes as recorded from Kamailio 5.6.3 running the same
// calls: -1 for a file that cannot be opened or an empty content.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, sipMessage } from '../run-script.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-corex-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REQUEST = sipMessage([
  'OPTIONS sip:x4@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKx4',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: x4@127.0.0.1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
]);

describe('corex files', () => {
  it('write a string with variables to a file and read it back into a variable', () => {
    const file = join(dir, 'fw.txt');
    const copy = join(dir, 'copy.txt');
    const r = runScript(
      `debug=2
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "corex.so"
request_route {
  file_read("${join(dir, 'missing')}", "$var(f)"); xlog("L_ERR", "fr1 rc=$rc\\n");
  file_write("${file}", "line1\\nline2 $rU"); xlog("L_ERR", "fw1 rc=$rc\\n");
  file_read("${file}", "$var(f)"); xlog("L_ERR", "fr2 rc=$rc\\n");
  file_write("${copy}", "[$var(f)]");
  file_write("${join(dir, 'fw2.txt')}", ""); xlog("L_ERR", "fw2 rc=$rc\\n");
  file_write("${join(dir, 'no', 'such', 'dir')}", "y"); xlog("L_ERR", "fw3 rc=$rc\\n");
}
`,
      REQUEST,
    );
    expect(r.stderr).toBe('');
    expect(r.logs).toEqual(['fr1 rc=-1', 'fw1 rc=1', 'fr2 rc=1', 'fw2 rc=-1', 'fw3 rc=-1']);
    expect(readFileSync(file, 'latin1')).toBe('line1\nline2 x4');
    expect(readFileSync(copy, 'latin1')).toBe('[line1\nline2 x4]');
  });
});
