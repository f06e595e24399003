// binrpc, the binary protocol Kamailio's ctl module and kamcmd speak, as
// observed on the wire between kamcmd and Kamailio 5.6 (written from those
// captures and the protocol's public description):
//
// - A packet starts with 0xA1 (magic 0xA, version 1), then one byte holding
//   the packet type in its high nibble (0 request, 1 reply, 3 fault), the
//   number of bytes of the body length minus one in bits 3-2 and the number
//   of bytes of the cookie minus one in bits 1-0; then the body length
//   (big-endian) and the cookie, which a reply repeats.
// - The body is a run of records. A record's first byte holds a flag (bit
//   7), a size (bits 6-4) and a type (bits 3-0). Without the flag the size
//   is the value's length in bytes (0-7); with it, the size is how many bytes
//   of length follow (big-endian), then the value. For numbers the flag with
//   size 0 means an 8-byte value.
// - int: big-endian, as few bytes as the unsigned 32-bit value needs (0 has
//   none; a negative one takes 4). double: the value times 1000 as a 64-bit
//   integer, as few bytes as it needs (a negative one takes 8). str:
//   the text and a terminating NUL. bytes: the bytes as they are.
// - struct: a record of length 0 opens it; its members are an avp record (the
//   member's name, a string) followed by the value's record; a struct record
//   with the flag and size 0 closes it. array: the same, with values only.
//
// A request's body is the method name (a str) and the parameters; a reply's
// body is the values the method added; a fault's is its code (int) and
// message (str).

export type BinrpcValue =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Buffer }
  | { readonly type: 'struct'; readonly members: readonly BinrpcMember[] }
  | { readonly type: 'array'; readonly items: readonly BinrpcValue[] };

export interface BinrpcMember {
  readonly name: string;
  readonly value: BinrpcValue;
}

export type PacketKind = 'request' | 'reply' | 'fault';

export interface Packet {
  readonly kind: PacketKind;
  readonly cookie: Buffer;
  readonly body: Buffer;
}

const MAGIC_VERSION = 0xa1;
const KIND_CODES: Readonly<Record<PacketKind, number>> = { request: 0, reply: 1, fault: 3 };
const T_INT = 0;
const T_STR = 1;
const T_DOUBLE = 2;
const T_STRUCT = 3;
const T_ARRAY = 4;
const T_AVP = 5;
const T_BYTES = 6;
const FLAG = 0x80;
const END = FLAG; // size 0 with the flag: the end of a struct or array

/** A malformed packet or record, saying what and at which byte of the body. */
export class BinrpcError extends Error {}

// ---- packets -------------------------------------------------------------

/** The bytes needed to hold n (1..4). */
function bytesFor(n: number): number {
  return n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
}

/** Frames a body as a packet of the given kind, with the request's cookie. */
export function encodePacket(kind: PacketKind, cookie: Buffer, body: Buffer): Buffer {
  if (cookie.length < 1 || cookie.length > 4) throw new BinrpcError(`cookie of ${cookie.length} bytes (1 to 4 allowed)`);
  const lenLen = bytesFor(body.length);
  const head = Buffer.alloc(2 + lenLen);
  head[0] = MAGIC_VERSION;
  head[1] = (KIND_CODES[kind] << 4) | ((lenLen - 1) << 2) | (cookie.length - 1);
  head.writeUIntBE(body.length, 2, lenLen);
  return Buffer.concat([head, cookie, body]);
}

/**
 * Reads the packet at the start of data: the packet and its length in bytes,
 * 'incomplete' when more bytes are needed, or throws a BinrpcError when the
 * data is not a binrpc packet.
 */
export function decodePacket(data: Buffer): { readonly packet: Packet; readonly length: number } | 'incomplete' {
  if (data.length < 2) return 'incomplete';
  if (data[0] !== MAGIC_VERSION) throw new BinrpcError(`not a binrpc packet (first byte 0x${data[0]!.toString(16)}, expected 0xa1)`);
  const kindCode = data[1]! >> 4;
  const kind = (Object.keys(KIND_CODES) as PacketKind[]).find((k) => KIND_CODES[k] === kindCode);
  if (!kind) throw new BinrpcError(`unknown packet type ${kindCode}`);
  const lenLen = ((data[1]! >> 2) & 3) + 1;
  const cookieLen = (data[1]! & 3) + 1;
  const headLen = 2 + lenLen + cookieLen;
  if (data.length < headLen) return 'incomplete';
  const bodyLen = data.readUIntBE(2, lenLen);
  if (data.length < headLen + bodyLen) return 'incomplete';
  return {
    packet: { kind, cookie: data.subarray(2 + lenLen, headLen), body: data.subarray(headLen, headLen + bodyLen) },
    length: headLen + bodyLen,
  };
}

// ---- records: encoding ---------------------------------------------------

/** Writes records into a growing list of chunks. */
class RecordWriter {
  private readonly chunks: Buffer[] = [];

  /** A record of a type with a value of these bytes (the size or length prefix chosen to fit). */
  private record(type: number, value: Buffer): void {
    if (value.length <= 7) this.chunks.push(Buffer.of((value.length << 4) | type), value);
    else {
      const lenLen = bytesFor(value.length);
      const head = Buffer.alloc(1 + lenLen);
      head[0] = FLAG | (lenLen << 4) | type;
      head.writeUIntBE(value.length, 1, lenLen);
      this.chunks.push(head, value);
    }
  }

  int(n: number): void {
    const unsigned = n >>> 0;
    const length = unsigned === 0 ? 0 : bytesFor(unsigned);
    const value = Buffer.alloc(length);
    if (length > 0) value.writeUIntBE(unsigned, 0, length);
    this.record(T_INT, value);
  }

  /** A double as Kamailio writes it: the value times 1000, in as few bytes as the 64-bit integer needs. */
  double(x: number): void {
    const millis = BigInt.asUintN(64, BigInt(Math.round(x * 1000)));
    const hex = millis.toString(16);
    const value = millis === 0n ? Buffer.alloc(0) : Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
    if (value.length <= 7) this.chunks.push(Buffer.of((value.length << 4) | T_DOUBLE), value);
    else this.chunks.push(Buffer.of(FLAG | T_DOUBLE), value);
  }

  str(text: string, type = T_STR): void {
    this.record(type, Buffer.concat([Buffer.from(text, 'utf8'), Buffer.of(0)]));
  }

  bytes(value: Buffer): void {
    this.record(T_BYTES, value);
  }

  value(v: BinrpcValue): void {
    switch (v.type) {
      case 'int':
        return this.int(v.value);
      case 'double':
        return this.double(v.value);
      case 'str':
        return this.str(v.value);
      case 'bytes':
        return this.bytes(v.value);
      case 'struct':
        this.chunks.push(Buffer.of(T_STRUCT));
        for (const m of v.members) {
          this.str(m.name, T_AVP);
          this.value(m.value);
        }
        this.chunks.push(Buffer.of(END | T_STRUCT));
        return;
      case 'array':
        this.chunks.push(Buffer.of(T_ARRAY));
        for (const item of v.items) this.value(item);
        this.chunks.push(Buffer.of(END | T_ARRAY));
        return;
    }
  }

  done(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The body holding these records, in order. */
export function encodeRecords(values: readonly BinrpcValue[]): Buffer {
  const w = new RecordWriter();
  for (const v of values) w.value(v);
  return w.done();
}

/** A request's body: the method's name, then the parameters. */
export function encodeRequest(method: string, params: readonly BinrpcValue[]): Buffer {
  return encodeRecords([{ type: 'str', value: method }, ...params]);
}

/** A fault's body: the code and the message. */
export function encodeFault(code: number, message: string): Buffer {
  return encodeRecords([
    { type: 'int', value: code },
    { type: 'str', value: message },
  ]);
}

// ---- records: decoding ---------------------------------------------------

interface RawRecord {
  readonly type: number;
  /** The end marker of a struct or array. */
  readonly end: boolean;
  readonly value: Buffer;
}

/** Reads records from a body, one at a time. */
class RecordReader {
  private at = 0;

  constructor(private readonly body: Buffer) {}

  get done(): boolean {
    return this.at >= this.body.length;
  }

  private take(n: number, what: string): Buffer {
    if (this.at + n > this.body.length) throw new BinrpcError(`${what} at byte ${this.at} runs past the end of the body (${this.body.length} bytes)`);
    const out = this.body.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  private raw(): RawRecord {
    const start = this.at;
    const head = this.take(1, 'record')[0]!;
    const type = head & 0x0f;
    const size = (head >> 4) & 7;
    if (!(head & FLAG)) return { type, end: false, value: this.take(size, `record of type ${type}`) };
    if (size === 0) {
      if (type === T_STRUCT || type === T_ARRAY) return { type, end: true, value: Buffer.alloc(0) };
      if (type === T_INT || type === T_DOUBLE) return { type, end: false, value: this.take(8, `8-byte number`) };
      throw new BinrpcError(`record of type ${type} at byte ${start} has a length of 0 bytes`);
    }
    const length = this.take(size, 'record length').readUIntBE(0, size);
    return { type, end: false, value: this.take(length, `record of type ${type}`) };
  }

  /** The next value; an end marker where a value is expected is an error, as is an avp outside a struct. */
  value(): BinrpcValue {
    const start = this.at;
    const r = this.raw();
    if (r.end) throw new BinrpcError(`unexpected end of ${r.type === T_STRUCT ? 'struct' : 'array'} at byte ${start}`);
    return this.complete(r, start);
  }

  private complete(r: RawRecord, start: number): BinrpcValue {
    switch (r.type) {
      case T_INT:
        return { type: 'int', value: readInt(r.value, start) };
      case T_DOUBLE:
        return { type: 'double', value: readMillis(r.value) / 1000 };
      case T_STR:
        return { type: 'str', value: readString(r.value) };
      case T_BYTES:
        return { type: 'bytes', value: Buffer.from(r.value) };
      case T_STRUCT:
        return { type: 'struct', members: this.members(start) };
      case T_ARRAY:
        return { type: 'array', items: this.items(start) };
      case T_AVP:
        throw new BinrpcError(`struct member name at byte ${start} outside a struct`);
      default:
        throw new BinrpcError(`unknown record type ${r.type} at byte ${start}`);
    }
  }

  private members(start: number): BinrpcMember[] {
    const out: BinrpcMember[] = [];
    for (;;) {
      if (this.done) throw new BinrpcError(`struct opened at byte ${start} is not closed`);
      const at = this.at;
      const r = this.raw();
      if (r.end && r.type === T_STRUCT) return out;
      if (r.end || r.type !== T_AVP) throw new BinrpcError(`struct member at byte ${at} is not a name (record type ${r.type})`);
      if (this.done) throw new BinrpcError(`struct member "${readString(r.value)}" at byte ${at} has no value`);
      out.push({ name: readString(r.value), value: this.value() });
    }
  }

  private items(start: number): BinrpcValue[] {
    const out: BinrpcValue[] = [];
    for (;;) {
      if (this.done) throw new BinrpcError(`array opened at byte ${start} is not closed`);
      const at = this.at;
      const r = this.raw();
      if (r.end && r.type === T_ARRAY) return out;
      if (r.end) throw new BinrpcError(`struct end at byte ${at} inside an array`);
      out.push(this.complete(r, at));
    }
  }
}

/**
 * An int record's value: big-endian, 0 to 4 bytes, 4 bytes being a signed
 * 32-bit value (Kamailio's ints); 8 bytes (the flag form) a signed 64-bit one.
 */
function readInt(value: Buffer, at: number): number {
  if (value.length === 0) return 0;
  if (value.length === 8) return Number(value.readBigInt64BE());
  if (value.length > 4) throw new BinrpcError(`int of ${value.length} bytes at byte ${at}`);
  return value.length === 4 ? value.readInt32BE() : value.readUIntBE(0, value.length);
}

/**
 * A double record's value times 1000: Kamailio and kamcmd write the 64-bit
 * integer in as few bytes as it needs, so 1 to 7 bytes are unsigned and a
 * negative one takes the 8-byte form.
 */
function readMillis(value: Buffer): number {
  if (value.length === 0) return 0;
  if (value.length === 8) return Number(value.readBigInt64BE());
  return Number(BigInt('0x' + value.toString('hex')));
}

/** A string record's text: up to its terminating NUL (kept when missing). */
function readString(value: Buffer): string {
  const nul = value.indexOf(0);
  return value.toString('utf8', 0, nul < 0 ? value.length : nul);
}

/** Every record of a body. */
export function decodeRecords(body: Buffer): BinrpcValue[] {
  const reader = new RecordReader(body);
  const out: BinrpcValue[] = [];
  while (!reader.done) out.push(reader.value());
  return out;
}

/** A request body: the method's name and the parameters. */
export function decodeRequest(body: Buffer): { readonly method: string; readonly params: BinrpcValue[] } {
  const [first, ...params] = decodeRecords(body);
  if (!first || first.type !== 'str') throw new BinrpcError('the request does not start with the method name');
  return { method: first.value, params };
}
