// Finding the stored contact a REGISTER's contact refers to, by the
// matching_mode usrloc is set to (contact URI; URI and Call-ID; URI and Path;
// Call-ID only) or, for a contact with +sip.instance, by instance and reg-id;
// then the CSeq check of RFC 3261 10.3: with the same Call-ID a CSeq must
// grow, an equal one within cseq_delay is a retransmission.

import type { Contact } from './contact.js';

export const MATCH_CONTACT = 0;
export const MATCH_CONTACT_CALLID = 1;
export const MATCH_CONTACT_PATH = 2;
export const MATCH_CALLID = 3;

/** What the REGISTER's contact carries that matching looks at. */
export interface MatchKey {
  readonly uri: string;
  readonly callid: string;
  readonly cseq: number;
  readonly path: string | undefined;
  readonly instance: string | undefined;
  readonly regId: number;
}

export type MatchResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly contact: Contact }
  /** Same Call-ID, CSeq not above the stored one (and not a retransmission). */
  | { readonly kind: 'old-cseq'; readonly contact: Contact }
  /** Same Call-ID and CSeq within cseq_delay seconds of the stored change. */
  | { readonly kind: 'retransmission'; readonly contact: Contact };

function matches(c: Contact, key: MatchKey, mode: number): boolean {
  switch (mode) {
    case MATCH_CONTACT_CALLID:
      return c.uri === key.uri && c.callid === key.callid;
    case MATCH_CONTACT_PATH:
      return c.uri === key.uri && (key.path === undefined || c.path === key.path);
    case MATCH_CALLID:
      return c.callid === key.callid;
    default:
      return c.uri === key.uri;
  }
}

export function findContact(contacts: readonly Contact[], key: MatchKey, mode: number, cseqDelay: number, now: number): MatchResult {
  const found = key.instance !== undefined ? contacts.find((c) => c.instance === key.instance && c.regId === key.regId) : contacts.find((c) => matches(c, key, mode));
  if (!found) return { kind: 'none' };
  if (found.callid === key.callid) {
    if (key.cseq < found.cseq) return { kind: 'old-cseq', contact: found };
    if (key.cseq === found.cseq) return cseqDelay > 0 && found.lastModified + cseqDelay > now ? { kind: 'retransmission', contact: found } : { kind: 'old-cseq', contact: found };
  }
  return { kind: 'found', contact: found };
}
