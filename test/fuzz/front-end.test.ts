// Property tests: whatever text a script holds, the front end never throws,
// and every diagnostic points inside a source it read.

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { checkText } from '../helpers.js';

const FRAGMENTS = [
  'request_route', 'route', '[', ']', '{', '}', '(', ')', ';', ',', ':', '.', '=', '==', '!=', '=~', '&&', '||', '!', '-', '+',
  'if', 'else', 'switch', 'case', 'default', 'while', 'break', 'return', 'exit', 'drop', 'loadmodule', 'modparam',
  '"str"', "'raw'", '"unterminated', '$ru', '$var(x)', '$(hdr(Via)[1]{s.len})', '$(', '$sht(a=>$si)', '@sel.x',
  '10.0.0.1', '10.0.0.0/8', '::1', '[::1]', '5060', '0x1f', 'yes', 'udp', 'myself', 'uri', 'src_ip', 'method', 'msg:len',
  '#!define X 1\n', '#!ifdef X\n', '#!else\n', '#!endif\n', '#!subst "/a/b/"\n', 'include_file "nope.cfg"\n',
  '/*', '*/', '# comment\n', '// c\n', '\n', ' ', '\t', 'forward', 'setflag', 't_relay', 'sl_send_reply', 'X', '`', '%',
  '"a" "b"', 'listen=udp:127.0.0.1:5060', 'children=4', 'event_route[tm:local-request]', '(int)', 'defined', 'mod',
];

function assertSound(text: string): void {
  const checked = checkText(text);
  for (const d of checked.diagnostics) {
    const file = checked.parse.sources.get(d.span.file);
    if (d.span.start < 0 || d.span.end < d.span.start || d.span.end > file.text.length) {
      throw new Error(`diagnostic ${d.code} has a span outside ${file.path}: ${JSON.stringify(d.span)}`);
    }
  }
}

describe('the front end on arbitrary input', () => {
  it('never throws on sequences of script fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => assertSound(parts.join(' '))),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), assertSound), { numRuns: 400 });
  });

  it('never throws on the example script cut and spliced at random', () => {
    const example = readFileSync('examples/stateless-proxy.cfg', 'utf8');
    fc.assert(
      fc.property(fc.nat(example.length), fc.nat(example.length), fc.nat(example.length), (a, b, c) =>
        assertSound(example.slice(0, Math.min(a, b)) + example.slice(Math.max(a, b), c) + example.slice(c)),
      ),
      { numRuns: 300 },
    );
  });
});
