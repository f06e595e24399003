// Answers one binrpc request packet, whatever transport brought it: the
// method is called through the RPC dispatcher, its result (or the error it
// threw) becomes the reply (or the fault) with the request's cookie. A
// reply larger than binrpc_max_body_size loses its last values, and a
// struct whose own records pass binrpc_struct_max_body_size its last
// members, as Kamailio's ctl drops what no longer fits its buffers (with a
// log line).

import { faultOf } from '../../runtime/rpc/dispatcher.js';
import { BinrpcError, decodeRequest, encodeFault, encodePacket, encodeRecords, type BinrpcValue, type Packet } from './binrpc.js';
import { paramValues, resultRecords } from './values.js';

/** Calls a method with its parameters; returns its result (or a Promise of it), throws for a bad call. */
export type Dispatch = (method: string, params: readonly unknown[]) => unknown;

export interface AnswerLimits {
  /** The largest reply body, in bytes. */
  readonly body: number;
  /** The largest struct, in bytes. */
  readonly struct: number;
}

/** The packet answering a request; undefined for a packet that is not a request (nothing is answered). */
export async function answer(packet: Packet, dispatch: Dispatch, limits: AnswerLimits, log: (text: string) => void): Promise<Buffer | undefined> {
  if (packet.kind !== 'request') return undefined;
  let request: ReturnType<typeof decodeRequest>;
  try {
    request = decodeRequest(packet.body);
  } catch (e) {
    if (!(e instanceof BinrpcError)) throw e;
    return encodePacket('fault', packet.cookie, encodeFault(400, `bad request: ${e.message}`));
  }
  let result: unknown;
  try {
    result = await dispatch(request.method, paramValues(request.params));
  } catch (e) {
    const fault = faultOf(e);
    return encodePacket('fault', packet.cookie, encodeFault(fault.code, fault.message));
  }
  const records = fitted(resultRecords(result), limits, (what) => log(`${request.method}: ${what}`));
  return encodePacket('reply', packet.cookie, encodeRecords(records));
}

/** The records that fit the limits, in order; what is dropped is logged. */
function fitted(records: readonly BinrpcValue[], limits: AnswerLimits, log: (text: string) => void): BinrpcValue[] {
  const out: BinrpcValue[] = [];
  let size = 0;
  for (const [i, r] of records.entries()) {
    const fit = fitStruct(r, limits.struct, log);
    const bytes = encodeRecords([fit]).length;
    if (size + bytes > limits.body) {
      log(`reply over binrpc_max_body_size (${limits.body} bytes): ${records.length - i} of its ${records.length} values dropped`);
      break;
    }
    size += bytes;
    out.push(fit);
  }
  return out;
}

/**
 * A struct with the members that fit the struct limit, counting its own
 * records only: a nested struct is limited by itself (Kamailio 5.6 sends
 * ul.dump's AoRs of 40 contacts, 19 KB, under the default 8 KB).
 */
function fitStruct(r: BinrpcValue, limit: number, log: (text: string) => void): BinrpcValue {
  if (r.type !== 'struct') return r;
  const members = [];
  let size = 2; // its opening and closing records
  for (const [i, m] of r.members.entries()) {
    const value = fitStruct(m.value, limit, log);
    const own = value.type === 'struct' ? { type: 'struct' as const, members: [] } : value;
    const bytes = encodeRecords([{ type: 'struct', members: [{ name: m.name, value: own }] }]).length - 2;
    if (size + bytes > limit) {
      log(`struct over binrpc_struct_max_body_size (${limit} bytes): ${r.members.length - i} of its ${r.members.length} members dropped`);
      break;
    }
    size += bytes;
    members.push({ name: m.name, value });
  }
  return { type: 'struct', members };
}
