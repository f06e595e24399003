// A listen= line that names no protocol: UDP and TCP on one address and port.
// Port 0 takes the port the system gives UDP, which another process may hold
// for TCP; then both let go of it and try again with another.

import type { Endpoint } from '../exec/context.js';

/** How many ports a listen= on port 0 tries before giving up. */
export const MAX_PORT_ATTEMPTS = 10;

export interface UdpListener {
  listen(requested: Endpoint): Promise<Endpoint>;
  unlisten(local: Endpoint): void;
}

export interface TcpListener {
  listen(requested: Endpoint): Promise<Endpoint>;
}

/** Binds UDP, then TCP on the port UDP got; rejects with the system's reason when it cannot. */
export async function listenUdpAndTcp(udp: UdpListener, tcp: TcpListener, requested: Endpoint): Promise<Endpoint> {
  for (let attempt = 1; ; attempt++) {
    const local = await udp.listen(requested);
    try {
      return await tcp.listen(local);
    } catch (e) {
      udp.unlisten(local);
      if (requested.port !== 0 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= MAX_PORT_ATTEMPTS) throw e;
    }
  }
}
