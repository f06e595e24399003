// The request that stands in when no received message is at hand, as
// Kamailio's core uses its faked message: the event routes modules run
// outside a message (a timer's usrloc:contact-expired, network:msg on bytes
// that are not SIP), and modparamx's pseudo-variables, read at start-up.

import { isSipError } from '../sip/errors.js';
import { SipMessage } from '../sip/message.js';

const parsed = SipMessage.parse(
  Buffer.from('OPTIONS sip:you@kamailio.org SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1\r\nFrom: <sip:you@kamailio.org>;tag=notag\r\nTo: <sip:you@kamailio.org>;tag=notag\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n', 'latin1'),
);
if (isSipError(parsed)) throw new Error(`the faked message does not parse: ${parsed.reason}`);

export const FAKED_MESSAGE: SipMessage = parsed;
