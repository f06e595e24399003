// `siprc run`: serves a script on its listen sockets until SIGTERM or SIGINT,
// then stops receiving and lets pending transactions finish for a bounded
// time. With no file it serves the bundled examples/proxy.cfg.

import { dirname, join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import type { CheckedScript } from '../compiler/check.js';
import type { ListenSocket } from '../runtime/exec/context.js';
import { SipServer } from '../runtime/server/server.js';
import { setUpLogging, type LogOptions } from './log-setup.js';
import { startMetrics, type MetricsOptions } from './metrics/http.js';
import { prepare, stopModules } from './prepare.js';
import { enableReload } from './reload.js';
import { flagSetting, localIdentity, numericSetting, parseListen } from './script-settings.js';

export interface RunOptions extends LogOptions, MetricsOptions {
  readonly define: string[];
  /** Extra listen sockets (`-l udp:127.0.0.1:5060`), as kamailio -l. */
  readonly listen: string[];
  /** Seconds to let transactions finish after SIGTERM. */
  readonly drain: string;
}

/** The example served when no file is named, found next to the installed package. */
export function defaultScript(): string {
  return join(dirname(process.argv[1] ?? '.'), '..', 'examples', 'proxy.cfg');
}

/** Starts the server; resolves with the exit code once it has stopped (or could not start). */
export async function serve(checked: CheckedScript, path: string, options: RunOptions, write: (line: string) => void = (l) => process.stderr.write(l)): Promise<number> {
  const extra: ListenSocket[] = [];
  for (const text of options.listen) {
    const socket = parseListen(text);
    if (!socket) {
      write(`siprc run: -l ${text}: expected [proto:]address[:port], as in udp:127.0.0.1:5060\n`);
      return 2;
    }
    extra.push(socket);
  }
  const prepared = prepare(checked, 'siprc run', false);
  if ('error' in prepared) {
    write(`${prepared.error}\n`);
    return 1;
  }
  const refused = await prepared.linked.ready;
  if (refused) {
    write(`${refused}\n`);
    await stopModules(prepared.linked.modules, write);
    return 1;
  }
  const logging = await setUpLogging(checked, prepared.linked.modules, options, write);
  if ('error' in logging) {
    write(`siprc run: ${logging.error}\n`);
    await stopModules(prepared.linked.modules, write);
    return 1;
  }
  const identity = localIdentity(checked, extra);
  const server = new SipServer({
    runner: prepared.runner,
    identity: { ...identity, names: [...identity.names, ...prepared.linked.myselfNames] },
    debugLevel: logging.logger.settings.level,
    maxBranches: numericSetting(checked, 'max_branches') ?? 12,
    tcp: {
      lifetime: numericSetting(checked, 'tcp_connection_lifetime') ?? 120,
      connectTimeout: numericSetting(checked, 'tcp_connect_timeout') ?? 10,
      acceptAliases: flagSetting(checked, 'tcp_accept_aliases') ?? false,
    },
    write,
    logger: logging.logger,
    logPrefix: logging.prefix,
  });
  /** Stops what has started (the log's syslog socket too, or the process would not exit) and reports why. */
  const giveUp = async (reason: string): Promise<number> => {
    write(`siprc run: ${reason}\n`);
    await server.stop(0);
    await stopModules(prepared.linked.modules, write);
    logging.logger.close();
    return 1;
  };
  try {
    await server.start();
  } catch (e) {
    return giveUp(`cannot listen: ${(e as Error).message}`);
  }
  const metrics = await startMetrics(options, prepared.linked.statistics);
  if (metrics && 'error' in metrics) return giveUp(metrics.error);
  if (metrics) write(`siprc: metrics on http://${metrics.address}/metrics\n`);
  Object.assign(prepared.linked.serverInfo, { version: pkg.version, startedAt: Date.now() });
  for (const m of prepared.linked.modules) m.decl.childInit?.(m, 0);
  const stopReloads = enableReload({ path, defines: options.define, checked, prepared }, server, prepared.linked.rpc, write);
  const children = numericSetting(checked, 'children');
  write(`siprc: serving ${path} on ${server.listening.join(', ')}${children && children > 1 ? ` (children=${children}: siprc serves with one process)` : ''}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  write('siprc: stopping\n');
  stopReloads();
  await server.stop(Number(options.drain) * 1000);
  await metrics?.close();
  await stopModules(prepared.linked.modules, write);
  logging.logger.close();
  return 0;
}
