// Why save() refuses a REGISTER: the reply code and the reason registrar
// puts in P-Registrar-Error (Kamailio's registrar reasons, so that clients
// and monitoring see the same text), and the script's return code.

export interface RegError {
  readonly code: number;
  readonly reason: string;
  /** save()'s return code: -2 for too many contacts, else -1. */
  readonly rc: number;
  /** Extra reply header lines (Min-Expires, Unsupported, Retry-After), each ending in CRLF. */
  readonly headers?: readonly string[];
}

const error = (code: number, reason: string, rc = -1, headers?: readonly string[]): RegError => ({ code, reason, rc, ...(headers ? { headers } : {}) });

export const E = {
  aorParse: error(400, 'Error while parsing AOR'),
  toMissing: error(400, 'To header not found'),
  callidMissing: error(400, 'Call-ID header not found'),
  cseqMissing: error(400, 'CSeq header not found'),
  parse: error(400, 'Message parse error'),
  parseExpires: error(400, 'Expires parse error'),
  parseContact: error(400, 'Contact parse error'),
  invalidExpires: error(400, 'Invalid expires param in contact'),
  invalidQ: error(400, 'Invalid q param in contact'),
  starExpires: error(400, '* used in contact and expires is not zero'),
  starContacts: error(400, '* used in contact and more than 1 contact'),
  contactLength: error(400, 'Contact/received too long'),
  invalidCseq: error(400, 'Invalid CSeq number'),
  parsePath: error(400, 'Path parse error'),
  pathUnsupported: error(420, 'No support for found Path indicated', -1, ['Unsupported: path\r\n']),
  invalidRegId: error(400, 'Invalid Reg-Id number'),
  tooMany: (retryAfter: number) => error(503, 'Too many registered contacts', -2, retryAfter > 0 ? [`Retry-After: ${retryAfter}\r\n`] : undefined),
  tooBrief: (minExpires: number) => error(423, 'Interval too brief', -1, [`Min-Expires: ${minExpires}\r\n`]),
  /** The storage failed reading the AOR's record (`get`) or writing a contact: Kamailio's reasons for each. */
  storage: (step: 'get' | 'insert' | 'update' | 'delete', retryAfter: number) =>
    error(500, step === 'get' ? 'usrloc_record_get failed' : `usrloc_contact_${step} failed`, -1, retryAfter > 0 ? [`Retry-After: ${retryAfter}\r\n`] : undefined),
} as const;

/** The reason phrase of each reply code registrar sends. */
export function reasonPhrase(code: number): string {
  switch (code) {
    case 200:
      return 'OK';
    case 400:
      return 'Bad Request';
    case 420:
      return 'Bad Extension';
    case 423:
      return 'Interval Too Brief';
    case 503:
      return 'Service Unavailable';
    default:
      return 'Server Internal Error';
  }
}
