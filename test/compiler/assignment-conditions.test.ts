// W0207: an assignment whose value a condition tests. Kamailio accepts
// `if ($rU = "123")`, assigns, and tests 1 (an assignment's result), never the
// value assigned; siprc accepts it too and warns, since `==` was likely meant.

import { diagnosticsOf } from '../helpers.js';

function warnings(condition: string, keyword = 'if'): string[] {
  const script = `loadmodule "pv.so"\nrequest_route {\n  ${keyword} (${condition}) { break; }\n}\n`;
  return diagnosticsOf(script).map((d) => `${d.code}@${d.at}`);
}

describe('an assignment tested by a condition', () => {
  it.each([
    ['$rU = "123"', 'if', ['W0207@3:6']],
    ['$var(n) = $hdrc(Via)', 'if', ['W0207@3:6']],
    ['$var(n) = 0', 'while', ['W0207@3:9']],
    ['!($var(n) = 0)', 'if', ['W0207@3:8']],
    ['$var(a) == 1 && ($var(n) = 2)', 'if', ['W0207@3:23']],
    ['($var(n) = 2) + 1 > 2', 'if', []],
    ['$var(n) == 2', 'if', []],
  ])('%s in %s', (condition, keyword, expected) => {
    expect(warnings(condition, keyword)).toEqual(expected);
  });
});
