// StreamFramer: SIP messages out of a TCP byte stream by Content-Length,
// whatever the chunking, with keep-alive pings and limits.

import { StreamFramer, type Frame } from '../../../runtime/sip/framing.js';

const ONE = 'OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\nContent-Length: 5\r\n\r\nhello';
const TWO = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\nl: 0\r\n\r\n';

function messages(frames: Frame[]): string[] {
  return frames.map((f) => (f.kind === 'message' ? f.data.toString('latin1') : f.kind));
}

describe('StreamFramer', () => {
  it('frames two messages sent in one chunk', () => {
    expect(messages(new StreamFramer().push(Buffer.from(ONE + TWO)))).toEqual([ONE, TWO]);
  });

  it('frames them the same wherever the stream is cut', () => {
    const stream = Buffer.from(ONE + TWO);
    for (let cut = 1; cut < stream.length; cut++) {
      const framer = new StreamFramer();
      const frames = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(messages(frames)).toEqual([ONE, TWO]);
      expect(framer.buffered).toBe(0);
    }
  });

  it('frames byte by byte', () => {
    const framer = new StreamFramer();
    const frames = [...Buffer.from(ONE + TWO)].flatMap((b) => framer.push(Buffer.from([b])));
    expect(messages(frames)).toEqual([ONE, TWO]);
  });

  it('frames a large message arriving a byte at a time, across the buffer growing, and hands out copies', () => {
    const body = 'x'.repeat(20000);
    const big = `MESSAGE sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK3\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const framer = new StreamFramer();
    const frames = [...Buffer.from(big + TWO)].flatMap((b) => framer.push(Buffer.from([b])));
    expect(messages(frames)).toEqual([big, TWO]);
    framer.push(Buffer.from(ONE));
    expect(messages(frames)).toEqual([big, TWO]);
  });

  it('reports a double CRLF keep-alive as a ping and ignores a lone CRLF', () => {
    const framer = new StreamFramer();
    expect(messages(framer.push(Buffer.from('\r\n\r\n')))).toEqual(['ping']);
    expect(messages(framer.push(Buffer.from(`\r\n${ONE}`)))).toEqual([ONE]);
  });

  it('waits for a body that has not fully arrived', () => {
    const framer = new StreamFramer();
    expect(framer.push(Buffer.from(ONE.slice(0, -2)))).toEqual([]);
    expect(messages(framer.push(Buffer.from(ONE.slice(-2))))).toEqual([ONE]);
  });

  it.each([
    ['a missing Content-Length', 'OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n', /Content-Length is required/, 400],
    ['a bad Content-Length', 'OPTIONS sip:a SIP/2.0\r\nContent-Length: -3\r\n\r\n', /bad Content-Length "-3"/, 400],
    ['a body over the limit', 'OPTIONS sip:a SIP/2.0\r\nContent-Length: 70000\r\n\r\n', /larger than 65535/, 513],
  ])('stops the stream at %s', (_, text, reason, status) => {
    const framer = new StreamFramer();
    const frames = framer.push(Buffer.from(text + ONE));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.kind === 'error' && frames[0].error).toMatchObject({ reason: expect.stringMatching(reason), status });
    expect(framer.push(Buffer.from(ONE))).toEqual([]);
  });

  it('stops a stream whose headers outgrow the limit, even before they end', () => {
    const framer = new StreamFramer({ maxHeaderSize: 64, maxBodySize: 100 });
    const frames = framer.push(Buffer.from(`OPTIONS sip:a SIP/2.0\r\nX: ${'a'.repeat(80)}`));
    expect(frames[0]!.kind === 'error' && frames[0].error.status).toBe(513);
  });
});
