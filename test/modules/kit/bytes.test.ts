// Values are text; transformations work on their UTF-8 bytes. Bytes that are
// not UTF-8 (a binary result) are kept as U+DC80..U+DCFF so that the next
// transformation sees the same bytes again (values recorded from Kamailio 5.6.3).

import { fromBytes, toBytes } from '../../../modules/kit/bytes.js';
import { chain } from '../transformation-helpers.js';

describe('bytes of values', () => {
  it('round-trips any bytes', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    expect(toBytes(fromBytes(all))).toBe(all);
    expect(fromBytes(toBytes('é€😀'))).toBe('é€😀');
  });

  it('keeps binary results intact through a chain', () => {
    expect(chain('ff00c3', [['s.decode.hexa', []], ['s.encode.base64', []]])).toBe('/wDD');
    expect(chain('é', [['s.substr', ['0', '1']], ['s.encode.hexa', []]])).toBe('c3');
  });
});
