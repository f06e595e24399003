// The binrpc codec: round trips of every record type, requests captured
// from the real kamcmd (Kamailio 5.6.3's) decoded exactly, and replies and
// faults encoded byte for byte as Kamailio 5.6.3's ctl sent them for the
// same answers.

import { BinrpcError, decodePacket, decodeRecords, decodeRequest, encodeFault, encodePacket, encodeRecords, encodeRequest, type BinrpcValue } from '../../../modules/ctl/binrpc.js';
import { resultRecords } from '../../../modules/ctl/values.js';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/** The packet at the start of bytes (complete). */
function packet(bytes: Buffer) {
  const read = decodePacket(bytes);
  if (read === 'incomplete') throw new Error('incomplete');
  expect(read.length).toBe(bytes.length);
  return read.packet;
}

describe('records round trip', () => {
  const values: BinrpcValue[] = [
    { type: 'int', value: 0 },
    { type: 'int', value: 1 },
    { type: 'int', value: 1024 },
    { type: 'int', value: 7222211 },
    { type: 'int', value: 2147483647 },
    { type: 'int', value: -1 },
    { type: 'int', value: -2147483648 },
    { type: 'str', value: '' },
    { type: 'str', value: 'abc' },
    { type: 'str', value: 'Domains' },
    { type: 'str', value: 'x'.repeat(300) },
    { type: 'str', value: 'café ☎' },
    { type: 'double', value: 0 },
    { type: 'double', value: 2.5 },
    { type: 'double', value: -1 },
    { type: 'double', value: 67108864 },
    { type: 'double', value: -123456.789 },
    { type: 'bytes', value: Buffer.from([0, 1, 2, 255]) },
    { type: 'bytes', value: Buffer.alloc(70000, 7) },
    { type: 'struct', members: [] },
    {
      type: 'struct',
      members: [
        { name: 'a', value: { type: 'int', value: 2 } },
        { name: 'nested', value: { type: 'struct', members: [{ name: 'q', value: { type: 'double', value: 0.5 } }] } },
        { name: 'list', value: { type: 'array', items: [{ type: 'str', value: 'x' }] } },
      ],
    },
    { type: 'array', items: [] },
    { type: 'array', items: [{ type: 'int', value: 5 }, { type: 'struct', members: [{ name: 'k', value: { type: 'str', value: 'v' } }] }, { type: 'array', items: [] }] },
  ];

  it.each(values.map((v) => [JSON.stringify(v).slice(0, 60), v] as const))('%s', (_name, v) => {
    expect(decodeRecords(encodeRecords([v]))).toEqual([v]);
  });

  it('keeps a run of records in order', () => {
    expect(decodeRecords(encodeRecords(values))).toEqual(values);
  });

  it('writes each int in as few bytes as its 32-bit pattern needs, as Kamailio does', () => {
    expect(encodeRecords([{ type: 'int', value: 0 }]).toString('hex')).toBe('00');
    expect(encodeRecords([{ type: 'int', value: 1024 }]).toString('hex')).toBe('200400');
    expect(encodeRecords([{ type: 'int', value: -1 }]).toString('hex')).toBe('40ffffffff');
  });

  it('writes a string of 8 bytes or more with a length prefix', () => {
    expect(encodeRecords([{ type: 'str', value: 'Domain' }]).toString('hex')).toBe('71446f6d61696e00');
    expect(encodeRecords([{ type: 'str', value: 'Domains' }]).toString('hex')).toBe('9108446f6d61696e7300');
    expect(encodeRecords([{ type: 'str', value: 'y'.repeat(299) }]).subarray(0, 3).toString('hex')).toBe('a1012c');
  });
});

describe('requests captured from kamcmd', () => {
  it('kamcmd core.version', () => {
    const p = packet(hex('a1030f2f2adc79910d636f72652e76657273696f6e00'));
    expect(p.kind).toBe('request');
    expect(p.cookie.toString('hex')).toBe('2f2adc79');
    expect(decodeRequest(p.body)).toEqual({ method: 'core.version', params: [] });
    expect(encodePacket('request', p.cookie, encodeRequest('core.version', [])).toString('hex')).toBe('a1030f2f2adc79910d636f72652e76657273696f6e00');
  });

  it('kamcmd core.echo 1 abc 2.5 s:12 0 65536 d:3 i:44 2147483647 4294967296 s:', () => {
    const p = packet(hex('a1033221e52708910a636f72652e6563686f00100141616263002209c431313200003001000041643a330051693a343400407fffffff001100'));
    const { method, params } = decodeRequest(p.body);
    expect(method).toBe('core.echo');
    expect(params).toEqual([
      { type: 'int', value: 1 },
      { type: 'str', value: 'abc' },
      { type: 'double', value: 2.5 },
      { type: 'str', value: '12' },
      { type: 'int', value: 0 },
      { type: 'int', value: 65536 },
      { type: 'str', value: 'd:3' },
      { type: 'str', value: 'i:44' },
      { type: 'int', value: 2147483647 },
      { type: 'int', value: 0 }, // kamcmd keeps the low 32 bits
      { type: 'str', value: '' },
    ]);
  });

  it('kamcmd core.echo -- -7 -1 (negative ints in 4 bytes)', () => {
    const p = packet(hex('a103164fbac84d910a636f72652e6563686f0040fffffff940ffffffff'));
    expect(decodeRequest(p.body).params).toEqual([
      { type: 'int', value: -7 },
      { type: 'int', value: -1 },
    ]);
  });

  it('kamcmd core.echo -- -2.5 3000000.5 (a negative double in the 8-byte form)', () => {
    const p = packet(hex('a1031a3f0c26ee910a636f72652e6563686f0082fffffffffffff63c42b2d05ff4'));
    expect(decodeRequest(p.body).params).toEqual([
      { type: 'double', value: -2.5 },
      { type: 'double', value: 3000000.5 },
    ]);
  });

  it('kamcmd cfg.seti core debug 3', () => {
    const p = packet(hex('a1031a6604d17291096366672e736574690051636f726500616465627567001003'));
    expect(decodeRequest(p.body)).toEqual({
      method: 'cfg.seti',
      params: [
        { type: 'str', value: 'core' },
        { type: 'str', value: 'debug' },
        { type: 'int', value: 3 },
      ],
    });
  });
});

describe('replies as Kamailio 5.6.3 sent them', () => {
  const reply = (cookie: string, result: unknown): string => encodePacket('reply', hex(cookie), encodeRecords(resultRecords(result))).toString('hex');

  it('core.version: one string', () => {
    expect(reply('2f2adc79', 'kamailio 5.6.3 (x86_64/linux) ')).toBe('a113212f2adc79911f6b616d61696c696f20352e362e3320287838365f36342f6c696e7578292000');
  });

  it('core.uptime: a struct', () => {
    const result = { now: 'Thu Dec  3 05:41:05 2026', up_since: 'Thu Dec  3 05:40:56 2026', uptime: 9 };
    expect(reply('5c794bc0', result)).toBe(
      'a113525c794bc003456e6f77009119546875204465632020332030353a34313a3035203230323600950975705f73696e6365009119546875204465632020332030353a34303a353620323032360075757074696d6500100983',
    );
  });

  it("ul.dump: jsonrpcs' arrays of one-key objects are structs of those members", () => {
    const result = { Domains: [{ Domain: { Domain: 'location', Size: 1024, AoRs: [], Stats: { Records: 0, 'Max-Slots': 0 } } }] };
    expect(reply('4acaef20', result)).toBe(
      'a1135d4acaef20039508446f6d61696e73000375446f6d61696e000375446f6d61696e0091096c6f636174696f6e005553697a650020040055416f5273000383655374617473000395085265636f7264730000950a4d61782d536c6f7473000083838383',
    );
  });

  it('cfg.get core debug: an int; cfg.seti: nothing', () => {
    expect(reply('38548ba0', 2)).toBe('a1130238548ba01002');
    expect(reply('6604d172', null)).toBe('a113006604d172');
  });

  it('a fault: code and message', () => {
    expect(encodePacket('fault', hex('41ed1cb1'), encodeFault(500, 'command core.nosuch not found')).toString('hex')).toBe('a1332341ed1cb12001f4911e636f6d6d616e6420636f72652e6e6f73756368206e6f7420666f756e6400');
    const p = packet(hex('a133202f58e97b200190911b4661696c656420746f2067657420746865207661726961626c6500'));
    expect(p.kind).toBe('fault');
    expect(decodeRecords(p.body)).toEqual([
      { type: 'int', value: 400 },
      { type: 'str', value: 'Failed to get the variable' },
    ]);
  });

  it('a body of 256 bytes or more takes a 2-byte length (cfg.list)', () => {
    const bytes = encodePacket('reply', hex('5dd293cf'), encodeRecords(resultRecords(Array.from({ length: 40 }, (_, i) => `tm: variable_${i}`))));
    expect(bytes.subarray(0, 2).toString('hex')).toBe('a117');
    expect(decodeRecords(packet(bytes).body)).toHaveLength(40);
  });
});

describe('framing and errors', () => {
  const whole = encodePacket('request', hex('01020304'), encodeRequest('core.uptime', []));

  it('asks for more bytes until the packet is whole', () => {
    for (let n = 0; n < whole.length; n++) expect(decodePacket(whole.subarray(0, n))).toBe('incomplete');
    const two = Buffer.concat([whole, whole]);
    const first = decodePacket(two);
    expect(first !== 'incomplete' && first.length).toBe(whole.length);
  });

  it('refuses what is not binrpc', () => {
    expect(() => decodePacket(Buffer.from('GET / HTTP/1.0\r\n'))).toThrow(BinrpcError);
    expect(() => decodePacket(hex('a1f3'))).toThrow(/unknown packet type 15/);
  });

  it('refuses malformed bodies, saying where', () => {
    expect(() => decodeRecords(hex('03'))).toThrow(/struct opened at byte 0 is not closed/);
    expect(() => decodeRecords(hex('031001'))).toThrow(/struct member at byte 1 is not a name/);
    expect(() => decodeRecords(hex('9120616263'))).toThrow(/runs past the end/);
    expect(() => decodeRecords(hex('83'))).toThrow(/unexpected end of struct/);
    expect(() => decodeRecords(hex('2561'))).toThrow(BinrpcError);
    expect(() => decodeRequest(hex('1001'))).toThrow(/method name/);
  });
});
