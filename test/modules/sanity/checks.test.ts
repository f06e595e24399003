// sanity_check(msg_checks, uri_checks), one check at a time (and several at
// once), run by `siprc exec` with autodrop 0 and proxy_require " foo , bar ".
// Each case's return code and the status line (and Unsupported header) of
// the reply it sent were recorded from Kamailio 5.6.3 on 127.0.0.1:27460
// running the same script on the same request from 127.0.0.1:27470; two
// replies are compared whole.

import { runScript, sipMessage, type ScriptRun } from '../run-script.js';
import { caseRequest, HEAD, summary } from './requests.js';

const DIGEST = 'Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"';

type Case = readonly [name: string, checks: number, uriChecks: number, requestLine: string, headers: readonly string[], log: string, replies: readonly string[]];

/** [name, msg_checks, uri_checks, request line, headers, what the script logged, each reply's status line / Unsupported line] */
const CASES: readonly Case[] = [
  // ruri sip version (1)
  ['v2', 1, 7, 'INVITE sip:a@127.0.0.1 sip/2.0', [], 'rc=1', []],
  // ruri scheme (2)
  ['s1', 2, 7, 'OPTIONS urn:service:sos SIP/2.0', [], 'rc=1', []],
  ['s2', 2, 7, 'OPTIONS tel:+123 SIP/2.0', [], 'rc=1', []],
  ['s3', 2, 7, 'OPTIONS sips:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  ['s4', 2, 7, 'OPTIONS tels:+123 SIP/2.0', [], 'rc=-1', ['SIP/2.0 400 Bad Request URI']],
  ['s5', 2, 7, 'OPTIONS mailto:a@b SIP/2.0', [], 'rc=-1', ['SIP/2.0 400 Bad Request URI']],
  ['s6', 2, 7, 'OPTIONS SIP:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  ['s7', 2, 7, 'OPTIONS sip:a@127.0.0.1:99999 SIP/2.0', [], 'rc=-1', ['SIP/2.0 400 Bad Request URI']],
  // CSeq method (32)
  ['c1', 32, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 invite'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  ['cm1', 32, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 ACK'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  ['cm2', 32, 7, 'CANCEL sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 INVITE'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  ['cm3', 32, 7, 'FOO sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 foo'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  ['cm4', 32, 7, 'ACK sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 INVITE'], 'rc=-1', []],
  ['cm5', 32, 7, 'FOO sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 FOO'], 'rc=1', []],
  // CSeq value (64)
  ['c2', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 4294967295 INVITE'], 'rc=1', []],
  ['c3', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 4294967296 INVITE'], 'rc=1', []],
  ['c4', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 4294967297 INVITE'], 'rc=-1', ['SIP/2.0 400 CSeq number is illegal']],
  ['c5', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 0 INVITE'], 'rc=1', []],
  ['c6', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 00000000000001 INVITE'], 'rc=-1', ['SIP/2.0 400 CSeq number is illegal']],
  ['c7', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 9999999999 INVITE'], 'rc=-1', ['SIP/2.0 400 CSeq number is illegal']],
  ['c8', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 0429496729 INVITE'], 'rc=1', []],
  ['c9', 64, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 36893488147419103232 INVITE'], 'rc=-1', ['SIP/2.0 400 CSeq number is illegal']],
  // Content-Length (128)
  ['l1', 128, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Content-Length: 3', '--body=abcdef'], 'rc=-1', ['SIP/2.0 400 Content-Length mis-match']],
  ['l2', 128, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Content-Length: 6', '--body=abcdef'], 'rc=1', []],
  ['l3', 128, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['NO-CL', '--body=abcdef'], 'rc=1', []],
  // Expires (256)
  ['e1', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: abc'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  ['e2', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 4294967296'], 'rc=1', []],
  ['e3', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: -1'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  ['e4', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 3600'], 'rc=1', []],
  ['e5', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: '], 'rc=-1', ['SIP/2.0 400 Bad Expires Header']],
  ['e6', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 10 20'], 'rc=1', []],
  ['e7', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 10abc'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  ['e8', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires:    5  '], 'rc=1', []],
  ['e9', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 5', 'Expires: abc'], 'rc=1', []],
  ['e10', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: Thu, 01 Dec 1994 16:00:00 GMT'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  ['e11', 256, 7, 'REGISTER sip:127.0.0.1 SIP/2.0', ['Expires: 4294967297'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  // Proxy-Require (512)
  ['p1', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: foo, bar, baz'], 'rc=-1', ['SIP/2.0 420 Bad Proxy Require Extension / Unsupported: baz']],
  ['p2', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: foo'], 'rc=1', []],
  ['p3', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: foo', 'Proxy-Require: x1,x2'], 'rc=1', []],
  ['p4', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: FOO'], 'rc=-1', ['SIP/2.0 420 Bad Proxy Require Extension / Unsupported: FOO']],
  ['p5', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: '], 'rc=-1', ['SIP/2.0 400 Bad Proxy Require Header']],
  ['p6', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: x1, foo, x2'], 'rc=-1', ['SIP/2.0 420 Bad Proxy Require Extension / Unsupported: x1']],
  ['p7', 512, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: x1', 'Proxy-Require: x2'], 'rc=-1', ['SIP/2.0 420 Bad Proxy Require Extension / Unsupported: x1']],
  // URIs (1024, with uri_checks)
  ['u1', 1024, 1, 'INVITE sip:a@127.0.0.1:99999 SIP/2.0', [], 'rc=-1', ['SIP/2.0 400 Bad Request URI']],
  ['u2', 1024, 2, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1'], 'rc=-1', ['SIP/2.0 400 Invalid From Header']],
  ['u3', 1024, 4, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['To: <sip:b@h:99999>'], 'rc=-1', ['SIP/2.0 400 Ivalid To Header']],
  ['u4', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: <sip:c@h:99999>'], 'rc=-1', ['SIP/2.0 400 Bad Contact URI']],
  ['u5', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  ['u6', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: *'], 'rc=1', []],
  ['u7', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: <sip:c@x.com>, <sip:d@h:99999>'], 'rc=-1', ['SIP/2.0 400 Bad Contact URI']],
  ['u8', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: <sip:c@x.com>', 'Contact: <sip:d@h:99999>'], 'rc=1', []],
  ['u9', 1024, 2, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <tel:+1>;tag=1'], 'rc=1', []],
  ['u10', 1024, 6, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1', 'To: <sip:b@h:99999>'], 'rc=-1', ['SIP/2.0 400 Invalid From Header']],
  ['u11', 1024, 1, 'INVITE tel:+123 SIP/2.0', [], 'rc=1', []],
  ['u12', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: <urn:x:y>'], 'rc=1', []],
  ['u13', 1024, 0, 'INVITE sip:a@127.0.0.1:99999 SIP/2.0', [], 'rc=-1', []],
  ['u14', 1024, 5, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1', 'To: <sip:b@h:99999>'], 'rc=-1', ['SIP/2.0 400 Ivalid To Header']],
  ['u15', 1024, 8, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: <mailto:a@b>'], 'rc=-1', ['SIP/2.0 400 Bad Contact URI']],
  ['u16', 1024, 2, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <mailto:a@b>;tag=1'], 'rc=-1', ['SIP/2.0 400 Invalid From Header']],
  ['u17', 1024, 16, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=-1', []],
  ['u18', 1024, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  // digest credentials (2048)
  ['g1', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [DIGEST], 'rc=1', []],
  ['g2', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g3', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123"'], 'rc=1', []],
  ['g4', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Basic Ym9iOnB3'], 'rc=-1', []],
  ['g5', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g6', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [DIGEST, 'Authorization: Digest username="bob", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g7', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef", qop=auth'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g8', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef", qop=auth, nc=00000001, cnonce="x"'], 'rc=1', []],
  ['g9', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=-1', ['SIP/2.0 400 Auth Empty User']],
  ['g13', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=-1', ['SIP/2.0 400 Auth Empty Nonce']],
  ['g15', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: garbage'], 'rc=-1', []],
  ['g16', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=1', []],
  ['g17', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="", response="0123456789abcdef0123456789abcdef"'], 'rc=1', []],
  ['g18', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response=""'], 'rc=-1', ['SIP/2.0 400 Auth Empty Response']],
  ['g19', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="", realm="example.com", nonce="", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=-1', ['SIP/2.0 400 Auth Empty User']],
  ['g20', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=1', []],
  ['g21', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest'], 'rc=-1', []],
  ['g22', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef", qop=auth, nc=00000001'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g23', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['g24', 2048, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username=bob, realm=example.com, nonce=abc, uri="sip:a@127.0.0.1", response=0123456789abcdef0123456789abcdef'], 'rc=1', []],
  // Authorization (8192)
  ['z1', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Basic Ym9iOnB3'], 'rc=1', []],
  ['z2', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['z3', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [DIGEST], 'rc=1', []],
  ['z4', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Authorization: Digest username="bob"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['z5', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: garbage'], 'rc=1', []],
  ['z6', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="bob", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123"'], 'rc=1', []],
  ['z7', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest username="", realm="example.com", nonce="abc", uri="sip:a@127.0.0.1", response="0123456789abcdef0123456789abcdef"'], 'rc=-1', ['SIP/2.0 400 Auth Empty User']],
  ['z8', 8192, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: Digest'], 'rc=1', []],
  // duplicate tags (4096)
  ['d1', 4096, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['To: <sip:b@127.0.0.1>;tag=1;tag=2'], 'rc=-1', ['SIP/2.0 400 Many To Tag Params']],
  ['d2', 4096, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@127.0.0.1>;tag=1;tag=1'], 'rc=-1', ['SIP/2.0 400 Many From Tag Params']],
  ['d3', 4096, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@127.0.0.1>;tag=1;TAG=2'], 'rc=-1', ['SIP/2.0 400 Many From Tag Params']],
  ['d4', 4096, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h>;tag=1;tag=2', 'To: <sip:b@h>;tag=1;tag=2'], 'rc=-1', ['SIP/2.0 400 Many From Tag Params']],
  // first Via (16384)
  ['h1', 16384, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  // required headers and the whole header section (4)
  ['x4', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Max-Forwards: 70', 'Max-Forwards: 69'], 'rc=-1', []],
  ['x5', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Expires: 1', 'Expires: 2'], 'rc=1', []],
  ['x7', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Max-Forwards: abc'], 'rc=1', []],
  ['x9', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Contact: garbage <<'], 'rc=1', []],
  ['x10', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Retry-After: abc'], 'rc=-1', []],
  ['x11', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Route: garbage'], 'rc=1', []],
  ['x12', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Require: ,,'], 'rc=1', []],
  ['x15', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Authorization: garbage'], 'rc=1', []],
  ['x16', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: '], 'rc=1', []],
  ['x20', 4, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=1', []],
  // several checks failing at once: the first in Kamailio's order answers
  ['all', 32766, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1;tag=2', 'To: <sip:b@h:99999>;tag=1;tag=2', 'CSeq: 99999999999 OPTIONS', 'Expires: abc', 'Proxy-Require: zzz', 'Contact: <sip:c@h:99999>', 'Authorization: Digest username="bob"', 'Content-Length: 3', '--body=abcdef'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  ['all2', 32734, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1;tag=2', 'To: <sip:b@h:99999>;tag=1;tag=2', 'CSeq: 99999999999 OPTIONS', 'Expires: abc', 'Proxy-Require: zzz', 'Contact: <sip:c@h:99999>', 'Authorization: Digest username="bob"', 'Content-Length: 3', '--body=abcdef'], 'rc=-1', ['SIP/2.0 400 CSeq number is illegal']],
  ['all3', 32542, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1;tag=2', 'To: <sip:b@h:99999>;tag=1;tag=2', 'Expires: abc', 'Proxy-Require: zzz', 'Contact: <sip:c@h:99999>', 'Authorization: Digest username="bob"'], 'rc=-1', ['SIP/2.0 400 Expires value is illegal']],
  ['all4', 31774, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h:99999>;tag=1;tag=2', 'To: <sip:b@h:99999>;tag=1;tag=2', 'Contact: <sip:c@h:99999>', 'Authorization: Digest username="bob"'], 'rc=-1', ['SIP/2.0 400 Invalid From Header']],
  ['all5', 30750, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h>;tag=1;tag=2', 'To: <sip:b@h>;tag=1;tag=2', 'Authorization: Digest username="bob"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  ['all6', 28702, 15, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['From: <sip:a@h>;tag=1;tag=2', 'To: <sip:b@h>;tag=1;tag=2', 'Authorization: Digest username="bob"'], 'rc=-1', ['SIP/2.0 400 Bad Auth Credentials']],
  // a request with Record-Route (its reply is compared whole below)
  ['rr1', 32, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 BYE', 'Record-Route: <sip:rr@127.0.0.1;lr>'], 'rc=-1', ['SIP/2.0 400 CSeq method does not match request method']],
  // masks out of range: -1, nothing checked
  ['big', 32768, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=-1', []],
  ['zero', 0, 7, 'INVITE sip:a@127.0.0.1 SIP/2.0', [], 'rc=-1', []],
];

function check(checks: number, uriChecks: number, message: string): ScriptRun {
  const run = runScript(`${HEAD}request_route {\n  sanity_check("${checks}", "${uriChecks}");\n  xlog("L_ERR", "rc=$rc\\n");\n}\n`, message, { source: '127.0.0.1:27470' });
  expect(run.stderr).toBe('');
  return run;
}

describe('sanity_check', () => {
  it.each(CASES)('%s: checks %d, uri checks %d: %s', (name, checks, uriChecks, requestLine, headers, log, replies) => {
    const run = check(checks, uriChecks, caseRequest(name, requestLine, headers));
    expect({ logs: run.logs, replies: run.sent.map((s) => summary(s.text)) }).toEqual({ logs: [log], replies });
  });

  /** A reply's lines, the parameters of each Via sorted (Kamailio writes rport= before received=). */
  const viaSorted = (text: string): string[] => text.split('\r\n').map((l) => (l.startsWith('Via: ') ? l.replace(/;.*$/, (p) => p.split(';').sort().join(';')) : l));

  it('answers statelessly to the source, with a To tag, the Unsupported line and the Server line', () => {
    const run = check(512, 7, caseRequest('p1', 'INVITE sip:a@127.0.0.1 SIP/2.0', ['Proxy-Require: foo, bar, baz']));
    expect(run.sent.map((s) => s.to)).toEqual(['udp|127.0.0.1:27470']);
    expect(viaSorted(run.sent[0]!.text)).toEqual(
      viaSorted(
        sipMessage([
          'SIP/2.0 420 Bad Proxy Require Extension',
          'Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-p1;rport=27470;received=127.0.0.1',
          'Call-ID: p1',
          'From: <sip:alice@127.0.0.1>;tag=f1',
          'To: <sip:bob@127.0.0.1>;tag=773af41fa4ee33876b4dd315920332d4.40100d31',
          'CSeq: 1 INVITE',
          'Unsupported: baz',
          `Server: siprc (${process.platform})`,
          'Content-Length: 0',
        ]),
      ),
    );
  });

  it('does not copy Record-Route into its error replies', () => {
    const run = check(32, 7, caseRequest('rr1', 'INVITE sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 BYE', 'Record-Route: <sip:rr@127.0.0.1;lr>']));
    expect(viaSorted(run.sent[0]!.text)).toEqual(
      viaSorted(
        sipMessage([
          'SIP/2.0 400 CSeq method does not match request method',
          'Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-rr1;rport=27470;received=127.0.0.1',
          'Call-ID: rr1',
          'From: <sip:alice@127.0.0.1>;tag=f1',
          'To: <sip:bob@127.0.0.1>;tag=773af41fa4ee33876b4dd315920332d4.1ef4a5fd',
          'CSeq: 1 BYE',
          `Server: siprc (${process.platform})`,
          'Content-Length: 0',
        ]),
      ),
    );
  });
});
