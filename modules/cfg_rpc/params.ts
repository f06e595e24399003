// Checks an RPC call's parameters against the types a method takes, with
// the fault Kamailio's RPC layer gives for the same mistake (400, "error at
// parameter N: expected integer type but record doesn't match type"),
// parameters counted from 0.

/** An error an RPC answers as a fault with this code. */
export function rpcFault(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

type Kind = 'int' | 'str' | 'any';

const NAMES: Readonly<Record<Kind, string>> = { int: 'integer', str: 'string', any: 'any' };

/**
 * The parameters, checked: `required` kinds first, then `optional` ones
 * that may be missing. An int is a number without a fraction; any is an int
 * or a string.
 */
export function scanParams(params: readonly unknown[], required: readonly Kind[], optional: readonly Kind[] = []): Array<number | string | undefined> {
  const kinds = [...required, ...optional];
  return kinds.map((kind, i) => {
    const value = params[i];
    if (value === undefined) {
      if (i < required.length) throw rpcFault(400, `error at parameter ${i}: expected ${NAMES[kind]} type but end of packet encountered`);
      return undefined;
    }
    const isInt = typeof value === 'number' && Number.isInteger(value);
    if ((kind === 'int' && !isInt) || (kind === 'str' && typeof value !== 'string') || (kind === 'any' && !isInt && typeof value !== 'string')) {
      throw rpcFault(400, `error at parameter ${i}: expected ${NAMES[kind]} type but record doesn't match type`);
    }
    return value as number | string;
  });
}
