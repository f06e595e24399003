// The RPC dispatcher: every control method of a running siprc (the core's
// and the loaded modules' RpcDecls) by its Kamailio name, called with the
// parameters a control interface received (jsonrpcs, ctl's binrpc, siprc
// rpc). A method answers a JSON value or throws; a thrown error becomes a
// fault with its `code` (Kamailio's rpc->fault codes: 400 for a bad call,
// 500 otherwise). How results map onto binrpc is in docs/control.md.

/** What a method answers: JSON values (an integer, a string, an array, a struct). */
export type RpcValue = null | boolean | number | string | readonly RpcValue[] | { readonly [name: string]: RpcValue };

/** One method as the dispatcher serves it. */
export interface RpcMethod {
  /** `group.verb`, as Kamailio names them (`core.version`, `ul.dump`). */
  readonly name: string;
  /** One line, answered by system.methodHelp. */
  readonly help: string;
  /** Answers a call (the parameters in order); throws an Error (with a numeric `code`) for a bad one. */
  readonly run: (params: readonly unknown[]) => unknown;
}

/** A fault: the code and message a control interface answers with. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Kamailio's code when a method does not exist (its jsonrpcs answers 500 "Method Not Found"). */
export const METHOD_NOT_FOUND = 500;
/** Kamailio's code for a call with bad parameters. */
export const BAD_PARAMS = 400;

/** The code and message of whatever a method threw: its numeric `code` when it has one, else 500. */
export function faultOf(e: unknown): { readonly code: number; readonly message: string } {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return { code: typeof code === 'number' && Number.isInteger(code) ? code : 500, message };
}

export class RpcDispatcher {
  private readonly methods = new Map<string, RpcMethod>();

  /** Adds a method; a name served twice is a mistake of siprc's (or a user module's) and throws. */
  register(method: RpcMethod): void {
    if (this.methods.has(method.name)) throw new Error(`RPC method ${method.name} is declared twice`);
    this.methods.set(method.name, method);
  }

  has(name: string): boolean {
    return this.methods.has(name);
  }

  /** Every method name, sorted (system.listMethods). */
  names(): string[] {
    return [...this.methods.keys()].sort();
  }

  /** A method's help line; undefined when there is no such method. */
  help(name: string): string | undefined {
    return this.methods.get(name)?.help;
  }

  /**
   * Calls a method. Parameters given by name (a JSON object) are taken in
   * the order written, names ignored, as Kamailio's RPC does. Rejects with
   * an RpcError: 500 "Method Not Found", or the method's own fault.
   */
  async call(name: string, params: readonly unknown[] | Readonly<Record<string, unknown>> = []): Promise<unknown> {
    const method = this.methods.get(name);
    if (!method) throw new RpcError(METHOD_NOT_FOUND, 'Method Not Found');
    const list = Array.isArray(params) ? params : Object.values(params);
    try {
      return await method.run(list);
    } catch (e) {
      if (e instanceof RpcError) throw e;
      const fault = faultOf(e);
      throw new RpcError(fault.code, fault.message);
    }
  }
}
