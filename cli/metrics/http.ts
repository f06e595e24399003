// `siprc run --metrics ADDRESS:PORT`: serves the statistics to Prometheus
// over HTTP, GET /metrics (anything else is 404, any other method 405).
// A loopback address needs nothing more; any other address needs a token
// (--metrics-token, or SIPRC_METRICS_TOKEN), which every scrape then sends
// as `Authorization: Bearer TOKEN` (Prometheus's `authorization` setting).
// A token given for loopback is required there too.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { StatisticsRegistry } from '../../runtime/stats/registry.js';
import { parseEndpoint } from '../script-settings.js';

export interface MetricsOptions {
  /** --metrics ADDRESS:PORT. */
  readonly metrics?: string;
  /** --metrics-token. */
  readonly metricsToken?: string;
}

export interface MetricsServer {
  /** `address:port` it listens on. */
  readonly address: string;
  close(): Promise<void>;
}

/** Whether an address is the local host's own (127.0.0.0/8, ::1). */
export function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts serving /metrics; undefined when --metrics is not given; an error names what is wrong. */
export async function startMetrics(options: MetricsOptions, statistics: StatisticsRegistry, env: NodeJS.ProcessEnv = process.env): Promise<MetricsServer | undefined | { readonly error: string }> {
  if (options.metrics === undefined) return undefined;
  const where = parseEndpoint(options.metrics);
  if (!where || isIP(where.address) === 0) return { error: `--metrics ${options.metrics}: expected an IP address and port, as in 127.0.0.1:9464` };
  const token = options.metricsToken ?? env.SIPRC_METRICS_TOKEN;
  if (token !== undefined && token.length < 16) return { error: '--metrics-token: a token of 16 characters at least' };
  if (!isLoopback(where.address) && token === undefined) return { error: `--metrics ${options.metrics}: not a loopback address, so scrapes need a token (--metrics-token or SIPRC_METRICS_TOKEN)` };
  const { processMetrics, scrape } = await import('./exposition.js');
  const processRegistry = processMetrics();
  const server = createServer((req, res) => void answer(req, res, processRegistry, token));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(where.port, where.address, () => resolve());
    });
  } catch (e) {
    return { error: `--metrics ${options.metrics}: cannot listen: ${(e as Error).message}` };
  }
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : where.port;
  return {
    address: `${where.address.includes(':') ? `[${where.address}]` : where.address}:${port}`,
    close: () => closeServer(server),
  };

  async function answer(req: IncomingMessage, res: ServerResponse, proc: typeof processRegistry, secret: string | undefined): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return end(res, 404, 'not found: the metrics are at /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405, 'GET /metrics\n', { allow: 'GET, HEAD' });
    const auth = req.headers.authorization;
    if (secret !== undefined && (auth === undefined || !auth.startsWith('Bearer ') || !sameToken(auth.slice(7).trim(), secret))) {
      return end(res, 401, 'a bearer token is required\n', { 'www-authenticate': 'Bearer realm="siprc metrics"' });
    }
    try {
      const out = await scrape(statistics, proc);
      res.writeHead(200, { 'content-type': out.contentType });
      res.end(req.method === 'HEAD' ? undefined : out.body);
    } catch (e) {
      end(res, 500, `cannot collect the metrics: ${(e as Error).message}\n`);
    }
  }
}

function end(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
