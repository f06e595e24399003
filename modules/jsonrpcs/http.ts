// jsonrpcs over HTTP on a socket of its own (siprc's http_socket parameter;
// Kamailio serves it through xhttp on the SIP TCP listener instead, which
// siprc does not provide): a POST whose body is a JSON-RPC document, on any
// path, answered as application/json. A socket that is not loopback is
// served only with http_token, which every request must then carry as
// `Authorization: Bearer TOKEN` (401 without it).

import { createServer, type IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { RpcAccess } from '../api.js';
import type { Closable } from './fifo.js';
import { answerText } from './protocol.js';
import type { HttpAddress } from './settings.js';

/** The most a request body may hold (1 MB). */
const MAX_BODY = 1 << 20;

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function serveHttp(address: HttpAddress, token: string | undefined, rpc: RpcAccess, pretty: boolean, log: (line: string) => void): Promise<Closable> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'text/plain'): void => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (!authorized(req, token)) return send(401, 'missing or wrong bearer token\n');
    if (req.method !== 'POST') return send(405, 'POST a JSON-RPC document\n');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        send(413, 'request too large\n');
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      void answerText(Buffer.concat(chunks).toString('utf8'), rpc, pretty).then((text) => send(200, text, 'application/json'));
    });
  });
  server.on('clientError', (e, socket) => socket.destroy(e));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => log(`http ${address.host}:${address.port}: ${e.message}`));
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    where: `http:${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
