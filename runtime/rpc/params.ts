// Reading an RPC call's parameters by position, with the fault Kamailio's
// RPC layer gives for the same mistake (400 "error at parameter N: expected
// string type but ..."), N counted from 0. A number given where a string is
// expected is not converted, nor a string of digits where an integer is,
// unless the method says so (`intOrDigits`).

import { BAD_PARAMS, RpcError } from './dispatcher.js';

export class RpcParams {
  constructor(private readonly params: readonly unknown[]) {}

  get length(): number {
    return this.params.length;
  }

  private fault(i: number, type: string): never {
    const what = i >= this.params.length ? 'end of packet encountered' : "record doesn't match type";
    throw new RpcError(BAD_PARAMS, `error at parameter ${i}: expected ${type} type but ${what}`);
  }

  /** A string parameter; a fault when it is missing or not a string. */
  str(i: number): string {
    const v = this.params[i];
    if (typeof v !== 'string') this.fault(i, 'string');
    return v;
  }

  /** An integer parameter; a fault when it is missing or not an integer. */
  int(i: number): number {
    const v = this.params[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fault(i, 'integer');
    return v;
  }

  /** An integer, given as a number or a string of digits (what a shell client sends); a fault otherwise. */
  intOrDigits(i: number): number {
    const v = this.params[i];
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
    return this.int(i);
  }

  /** A number (integer or not), given as a number or as its text. */
  number(i: number): number {
    const v = this.params[i];
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    if (typeof v !== 'number') this.fault(i, 'double');
    return v;
  }

  /** An optional string: undefined when the call stops before it. */
  optStr(i: number): string | undefined {
    return i < this.params.length ? this.str(i) : undefined;
  }

  /** An optional integer (number or digits): undefined when the call stops before it. */
  optInt(i: number): number | undefined {
    return i < this.params.length ? this.intOrDigits(i) : undefined;
  }

  /** Every parameter from `from` on as strings; a fault at the first that is not one. */
  strings(from = 0): string[] {
    const out: string[] = [];
    for (let i = from; i < this.params.length; i++) out.push(this.str(i));
    return out;
  }
}

/** A fault for a call that is wrong as a whole (Kamailio's messages for it are per method). */
export function badCall(message: string, code = BAD_PARAMS): RpcError {
  return new RpcError(code, message);
}
