// One binrpc request per datagram (UDP or Unix datagram): decoded, answered,
// the reply sent back to the sender; a datagram that is not a whole packet
// is logged and dropped.

import { decodePacket, type Packet } from './binrpc.js';

export function answerDatagram(data: Buffer, sender: string, respond: (packet: Packet) => Promise<Buffer | undefined>, send: (reply: Buffer) => void, log: (text: string) => void): void {
  let read;
  try {
    read = decodePacket(data);
  } catch (e) {
    log(`datagram from ${sender}: ${(e as Error).message}`);
    return;
  }
  if (read === 'incomplete') {
    log(`datagram from ${sender}: truncated binrpc packet`);
    return;
  }
  respond(read.packet)
    .then((reply) => reply && send(reply))
    .catch((e: Error) => log(`answering a request: ${e.message}`));
}
