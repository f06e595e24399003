// listen= with no protocol binds UDP and TCP on one port: on port 0, a port
// another process holds for TCP is let go (UDP included) and another tried;
// on a port the script names, the system's reason is the error, and no UDP
// socket is left bound.

import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { listenUdpAndTcp, MAX_PORT_ATTEMPTS, type TcpListener, type UdpListener } from '../../../runtime/server/listen-both.js';
import type { Endpoint } from '../../../runtime/exec/context.js';

const inUse = (): Error => Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });

/** A UDP side giving ports 40000, 40001, ... for port 0, recording what it binds and lets go. */
function fakeUdp(): UdpListener & { bound: number[]; released: number[] } {
  let next = 40000;
  const bound: number[] = [];
  const released: number[] = [];
  return {
    bound,
    released,
    listen: async (r) => {
      const port = r.port === 0 ? next++ : r.port;
      bound.push(port);
      return { address: r.address, port };
    },
    unlisten: (local) => void released.push(local.port),
  };
}

/** A TCP side on which the first `busy` ports asked for are in use. */
function fakeTcp(busy: number): TcpListener {
  let calls = 0;
  return { listen: async (r: Endpoint) => (calls++ < busy ? Promise.reject(inUse()) : r) };
}

describe('UDP and TCP on one port', () => {
  it('take the next port when the one UDP got is held for TCP (port 0)', async () => {
    const udp = fakeUdp();
    await expect(listenUdpAndTcp(udp, fakeTcp(2), { address: '127.0.0.1', port: 0 })).resolves.toEqual({ address: '127.0.0.1', port: 40002 });
    expect(udp.bound).toEqual([40000, 40001, 40002]);
    expect(udp.released).toEqual([40000, 40001]);
  });

  it('give up after MAX_PORT_ATTEMPTS ports, with none left bound', async () => {
    const udp = fakeUdp();
    await expect(listenUdpAndTcp(udp, fakeTcp(1000), { address: '127.0.0.1', port: 0 })).rejects.toThrow('EADDRINUSE');
    expect(udp.bound).toHaveLength(MAX_PORT_ATTEMPTS);
    expect(udp.released).toEqual(udp.bound);
  });

  it('report a named port held for TCP, letting go of its UDP socket', async () => {
    const udp = fakeUdp();
    await expect(listenUdpAndTcp(udp, fakeTcp(1), { address: '127.0.0.1', port: 5999 })).rejects.toThrow('EADDRINUSE');
    expect(udp.bound).toEqual([5999]);
    expect(udp.released).toEqual([5999]);
  });

  it('try again on the error a real TCP bind gives for a port another process holds', async () => {
    // The port the system gives the first UDP socket on port 0 is taken for TCP here, before the server binds.
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const held = probe.address().port;
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(held, '127.0.0.1', resolve));
    const sockets: Array<{ close(): void }> = [];
    let first = true;
    const udp: UdpListener = {
      listen: async (r) => {
        if (first) {
          first = false;
          return { address: r.address, port: held };
        }
        const s = createSocket('udp4');
        await new Promise<void>((resolve) => s.bind(r.port, r.address, resolve));
        sockets.push(s);
        return { address: r.address, port: s.address().port };
      },
      unlisten: (local) => {
        if (local.port === held) probe.close();
      },
    };
    const tcp: TcpListener = {
      listen: (r) =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen({ host: r.address, port: r.port, exclusive: true }, () => {
            sockets.push(server);
            resolve(r);
          });
        }),
    };
    try {
      const local = await listenUdpAndTcp(udp, tcp, { address: '127.0.0.1', port: 0 });
      expect(local.port).not.toBe(held);
      expect(sockets).toHaveLength(2);
    } finally {
      for (const s of sockets) s.close();
      holder.close();
    }
  });
});
