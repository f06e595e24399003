// Between siprc's RPC values (JSON, as the dispatcher gives and takes them,
// shaped as Kamailio's jsonrpcs shows the same methods) and binrpc records
// shaped as Kamailio's ctl sends them, so that kamcmd prints the same thing:
//
// - a result that is an array is the method's values one after the other
//   (kamcmd prints one per line: stats.get_statistics, core.psx); any other
//   result is one value; null or undefined is no value (cfg.seti's reply);
// - an object is a struct, its keys the members' names;
// - an array inside a struct is, as Kamailio's ctl sends the lists its
//   methods make (ul.dump's AoRs, Contacts), a struct whose members are the
//   array's items: an item that is an object with one key is the member of
//   that name ({"Info": {...}} is `Info: {...}`), any other item a member
//   named by its position. kamcmd cannot print an array record inside a
//   struct, and Kamailio never sends one;
// - an integer that fits 32 bits (signed or unsigned, the latter sent as
//   its 32-bit pattern as Kamailio sends an unsigned int: 4294967295 is -1)
//   is an int, any other number a double; true and false are 1 and 0; null
//   inside a struct is an empty string.
//
// Parameters go the other way: int and double records are numbers, str a
// string, bytes a string of their latin1 characters, struct an object,
// array an array.

import type { BinrpcMember, BinrpcValue } from './binrpc.js';

/** The records of a method's result. */
export function resultRecords(result: unknown): BinrpcValue[] {
  if (result === null || result === undefined) return [];
  if (Array.isArray(result)) return result.map(record);
  return [record(result)];
}

/** One value as a record. */
function record(value: unknown): BinrpcValue {
  if (value === null || value === undefined) return { type: 'str', value: '' };
  if (typeof value === 'boolean') return { type: 'int', value: value ? 1 : 0 };
  if (typeof value === 'number') return numberRecord(value);
  if (typeof value === 'bigint') return numberRecord(Number(value));
  if (typeof value === 'string') return { type: 'str', value };
  if (Buffer.isBuffer(value)) return { type: 'bytes', value };
  if (Array.isArray(value)) return { type: 'struct', members: value.map(arrayMember) };
  if (typeof value === 'object') return { type: 'struct', members: Object.entries(value).map(([name, v]) => ({ name, value: record(v) })) };
  return { type: 'str', value: String(value) };
}

function numberRecord(n: number): BinrpcValue {
  if (Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 32) return { type: 'int', value: n | 0 };
  return { type: 'double', value: n };
}

function arrayMember(item: unknown, position: number): BinrpcMember {
  if (item !== null && typeof item === 'object' && !Array.isArray(item) && !Buffer.isBuffer(item)) {
    const keys = Object.keys(item);
    if (keys.length === 1) return { name: keys[0]!, value: record((item as Record<string, unknown>)[keys[0]!]) };
  }
  return { name: String(position), value: record(item) };
}

/** A request's parameters as JSON values. */
export function paramValues(params: readonly BinrpcValue[]): unknown[] {
  return params.map(paramValue);
}

function paramValue(v: BinrpcValue): unknown {
  switch (v.type) {
    case 'int':
    case 'double':
    case 'str':
      return v.value;
    case 'bytes':
      return v.value.toString('latin1');
    case 'struct':
      return Object.fromEntries(v.members.map((m) => [m.name, paramValue(m.value)]));
    case 'array':
      return v.items.map(paramValue);
  }
}
