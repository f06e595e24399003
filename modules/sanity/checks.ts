// The sanity checks by their bit in the check mask, in the order Kamailio
// 5.6 runs them (found by failing several at once: the first failure is the
// one answered). Bits 8 (Via SIP version) and 16 (Via protocol) are disabled
// in Kamailio and pass.

import { checkAuthorization, checkDigest } from './credentials.js';
import { checkContentLength } from './content-length.js';
import { checkCseqMethod, checkCseqValue } from './cseq.js';
import { checkExpires } from './expires.js';
import type { Check } from './failure.js';
import { checkProxyRequire } from './proxy-require.js';
import { checkRequiredHeaders } from './required-headers.js';
import { checkRuriScheme, checkRuriSipVersion } from './request-line.js';
import { checkDuplicateTags } from './tags.js';
import { checkUris } from './uris.js';
import { checkFirstVia } from './via.js';

export const CHECKS: ReadonlyArray<readonly [bit: number, check: Check]> = [
  [16384, checkFirstVia],
  [1, checkRuriSipVersion],
  [2, checkRuriScheme],
  [4, checkRequiredHeaders],
  [32, checkCseqMethod],
  [64, checkCseqValue],
  [128, checkContentLength],
  [256, checkExpires],
  [512, checkProxyRequire],
  [1024, checkUris],
  [2048, checkDigest],
  [8192, checkAuthorization],
  [4096, checkDuplicateTags],
];

/** Every check bit there is (valid masks are 1 up to this). */
export const ALL_CHECKS = 32767;
/** Every URI bit there is (valid uri_checks are 1 up to this). */
export const ALL_URI_CHECKS = 15;
