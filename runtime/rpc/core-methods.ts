// The core's control methods with Kamailio's names and result shapes:
// core.version, core.info, core.uptime, core.psx/core.ps, core.shmmem (what
// Node's V8 heap holds, reported in the fields of Kamailio's shared memory),
// core.pwd, core.arg (Node's command line), core.echo/printi/prints (the
// parameters back, as Kamailio's kex documents them), and
// system.listMethods / system.methodHelp over the dispatcher.
// What each answers differently from Kamailio is in docs/control.md.

import { arch, platform } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { BAD_PARAMS, RpcError, type RpcDispatcher, type RpcMethod } from './dispatcher.js';

/** What the core methods say about this siprc. */
export interface ServerInfo {
  /** siprc's version (package.json's). */
  version: string;
  /** When the server started serving (ms since the epoch). */
  startedAt: number;
}

/** A time as C's ctime() writes it, without the newline: `Thu Dec  3 05:45:53 2026`. */
export function ctime(ms: number): string {
  const [weekday, month, day, year, time] = new Date(ms).toString().split(' ');
  return `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`;
}

/** Node's heap in the fields of Kamailio's core.shmmem (bytes). */
export function heapAsShm(): { total: number; free: number; used: number; real_used: number; max_used: number; fragments: number } {
  const h = getHeapStatistics();
  maxUsed = Math.max(maxUsed, h.total_heap_size);
  return {
    total: h.heap_size_limit,
    free: h.heap_size_limit - h.used_heap_size,
    used: h.used_heap_size,
    real_used: h.total_heap_size,
    max_used: maxUsed,
    // V8 does not report fragments; its heap is compacted by the collector.
    fragments: 0,
  };
}
let maxUsed = 0;

/**
 * The leading parameters of one type: a fault when the first is not of it
 * (Kamailio's `error at parameter 0: ...`), else those up to the first that
 * is not (Kamailio 5.6 stops there without a fault).
 */
function leading(params: readonly unknown[], type: 'integer' | 'string'): unknown[] {
  const is = (v: unknown): boolean => (type === 'string' ? typeof v === 'string' : Number.isInteger(v));
  if (params.length > 0 && !is(params[0])) throw new RpcError(BAD_PARAMS, `error at parameter 0: expected ${type} type but record doesn't match type`);
  const end = params.findIndex((v) => !is(v));
  return params.slice(0, end < 0 ? params.length : end);
}

export function coreMethods(info: ServerInfo, dispatcher: RpcDispatcher): RpcMethod[] {
  const versionText = (): string => `siprc ${info.version} (${arch()}/${platform()})`;
  const processes = () => [{ IDX: 0, PID: process.pid, DSC: 'siprc main process (SIP sockets, timers and control interfaces)' }];
  return [
    { name: 'core.version', help: 'Returns the version string of the server.', run: versionText },
    {
      name: 'core.info',
      help: 'Verbose info, including version number, compiler and flags.',
      run: () => ({ version: `siprc ${info.version}`, id: 'unknown', compiler: `node ${process.version}`, compiled: '', flags: '' }),
    },
    {
      name: 'core.uptime',
      help: 'Returns uptime of the SIP server.',
      run: () => {
        const now = Date.now();
        return { now: ctime(now), up_since: ctime(info.startedAt), uptime: Math.floor((now - info.startedAt) / 1000) };
      },
    },
    { name: 'core.psx', help: 'Returns the detailed list of the server processes (siprc serves with one).', run: processes },
    { name: 'core.ps', help: 'Returns the list of the server processes, as pid and description.', run: () => processes().flatMap((p) => [p.PID, p.DSC]) },
    { name: 'core.pwd', help: 'Returns the working directory of the server.', run: () => [process.cwd()] },
    { name: 'core.arg', help: "Returns the server's command line: Node's arguments.", run: () => [...process.argv] },
    { name: 'core.echo', help: 'Returns its parameters.', run: (params) => [...params] },
    { name: 'core.printi', help: 'Returns the integers given.', run: (params) => leading(params, 'integer') },
    { name: 'core.prints', help: 'Returns the strings given.', run: (params) => leading(params, 'string') },
    { name: 'core.shmmem', help: "Returns the server's memory use: Node's heap in the fields of Kamailio's shared memory.", run: heapAsShm },
    { name: 'system.listMethods', help: 'Lists all RPC methods supported by the server.', run: () => dispatcher.names() },
    {
      name: 'system.methodHelp',
      help: 'Print the help string for given method.',
      run: (params) => {
        const name = params[0];
        if (typeof name !== 'string') throw new RpcError(BAD_PARAMS, 'Method Name Expected');
        const help = dispatcher.help(name);
        if (help === undefined) throw new RpcError(BAD_PARAMS, 'command not found');
        return help;
      },
    },
  ];
}
