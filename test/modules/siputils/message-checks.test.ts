// siputils' checks of the message: has_totag, is_request, is_reply,
// is_supported, is_first_hop (requests, and replies in reply_route against
// this server's address) and hdr_date_check (with a Date a minute old, ten
// minutes ahead, from 2010, and one that does not parse), run by `siprc
// exec`. The log lines were recorded from
// Kamailio 5.6.3 (on 127.0.0.1:27460) running the same calls on the same
// messages.

import { sipMessage } from '../run-script.js';
import { request, returnCodes } from './run-calls.js';

/** An RFC 1123 date `seconds` from now. */
const date = (seconds: number): string => new Date(Date.now() + seconds * 1000).toUTCString();

const MESSAGES: Record<string, string> = {
  msg1: request('msg1', 'INVITE sip:u@h SIP/2.0', ['Supported: path, 100rel,timer', 'k: gruu', `Date: ${date(-60)}`]),
  msg2: request('msg2', 'INVITE sip:u@h SIP/2.0', [
    'Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-msg2;rport, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK2',
    'To: <sip:b@h>;tag=abc',
    'Date: Sat, 13 Nov 2010 23:29:00 GMT',
  ]),
  msg3: request('msg3', 'INVITE sip:u@h SIP/2.0', ['Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-msg3;rport', 'Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK2', 'Date: 13 Nov 2010 23:29:00 GMT', 'Supported: ']),
  msg4: request('msg4', 'OPTIONS sip:u@h SIP/2.0', ['To: <sip:b@h>;tag=', `Date: ${date(600)}`]),
};

/** A 200 OK to a request this server (127.0.0.1:27460) sent on for 127.0.0.1:27470. */
const reply = (name: string, recordRoute?: string): string =>
  sipMessage([
    'SIP/2.0 200 OK',
    `Via: SIP/2.0/UDP 127.0.0.1:27460;branch=z9hG4bK-k${name}`,
    `Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport=27470`,
    'From: <sip:alice@127.0.0.1>;tag=f1',
    'To: <sip:bob@127.0.0.1>;tag=t1',
    `Call-ID: ${name}`,
    'CSeq: 1 INVITE',
    ...(recordRoute === undefined ? [] : [`Record-Route: ${recordRoute}`]),
    'Content-Length: 0',
  ]);

const REPLIES: Record<string, string> = {
  rep1: reply('rep1', '<sip:127.0.0.1:27460;lr>'),
  rep2: reply('rep2', '<sip:localhost:27460;lr>'),
  rep3: reply('rep3', '<sip:10.9.9.9;lr>'),
  rep4: reply('rep4'),
  rep5: reply('rep5', '<sip:10.9.9.9;lr>, <sip:127.0.0.1:27460;lr>'),
  rep6: reply('rep6', '<sip:127.0.0.1:27460;lr>, <sip:10.9.9.9;lr>'),
  rep7: reply('rep7', '<sip:127.0.0.1;lr>'),
  rep8: reply('rep8', '<sip:127.0.0.1:5999;lr>'),
  rep9: reply('rep9', 'garbage'),
};

const CALLS = [
  'has_totag()',
  'is_request()',
  'is_reply()',
  'is_supported("path")',
  'is_supported("100rel")',
  'is_supported("Timer")',
  'is_supported("gruu")',
  'is_supported("outbound")',
  'is_first_hop()',
  'is_first_hop("1")',
  'hdr_date_check("10")',
  'hdr_date_check("100000")',
  'hdr_date_check("-1000")',
  '$var(t) = "abc"; hdr_date_check("$var(t)")',
];

/** What Kamailio logged for each message. */
const EXPECTED: Record<string, string[]> = {
  msg1: [
    'has_totag() => -1',
    'is_request() => 1',
    'is_reply() => -1',
    'is_supported("path") => 1',
    'is_supported("100rel") => 1',
    'is_supported("Timer") => 1',
    'is_supported("gruu") => 1',
    'is_supported("outbound") => -1',
    'is_first_hop() => 1',
    'is_first_hop("1") => 1',
    'hdr_date_check("10") => -4',
    'hdr_date_check("100000") => 1',
    'hdr_date_check("-1000") => -4',
    '$var(t) = "abc"; hdr_date_check("$var(t)") => -1',
  ],
  msg2: [
    'has_totag() => 1',
    'is_request() => 1',
    'is_reply() => -1',
    'is_supported("path") => -1',
    'is_supported("100rel") => -1',
    'is_supported("Timer") => -1',
    'is_supported("gruu") => -1',
    'is_supported("outbound") => -1',
    'is_first_hop() => -1',
    'is_first_hop("1") => -1',
    'hdr_date_check("10") => -4',
    'hdr_date_check("100000") => -4',
    'hdr_date_check("-1000") => -4',
    '$var(t) = "abc"; hdr_date_check("$var(t)") => -1',
  ],
  msg3: [
    'has_totag() => -1',
    'is_request() => 1',
    'is_reply() => -1',
    'is_supported("path") => -1',
    'is_supported("100rel") => -1',
    'is_supported("Timer") => -1',
    'is_supported("gruu") => -1',
    'is_supported("outbound") => -1',
    'is_first_hop() => -1',
    'is_first_hop("1") => -1',
    'hdr_date_check("10") => -1',
    'hdr_date_check("100000") => -1',
    'hdr_date_check("-1000") => -1',
    '$var(t) = "abc"; hdr_date_check("$var(t)") => -1',
  ],
  msg4: [
    'has_totag() => -1',
    'is_request() => 1',
    'is_reply() => -1',
    'is_supported("path") => -1',
    'is_supported("100rel") => -1',
    'is_supported("Timer") => -1',
    'is_supported("gruu") => -1',
    'is_supported("outbound") => -1',
    'is_first_hop() => 1',
    'is_first_hop("1") => 1',
    'hdr_date_check("10") => 1',
    'hdr_date_check("100000") => 1',
    'hdr_date_check("-1000") => -4',
    '$var(t) = "abc"; hdr_date_check("$var(t)") => -1',
  ],
};

const REPLY_CALLS = [
  'is_first_hop()',
  'is_first_hop("0")',
  'is_first_hop("1")',
  'is_request()',
  'is_reply()',
  'has_totag()',
  'is_gruu()',
];

/** What Kamailio logged for each message. */
const REPLY_EXPECTED: Record<string, string[]> = {
  rep1: [
    'is_first_hop() => 1',
    'is_first_hop("0") => 1',
    'is_first_hop("1") => 1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep2: [
    'is_first_hop() => -1',
    'is_first_hop("0") => -1',
    'is_first_hop("1") => -1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep3: [
    'is_first_hop() => -1',
    'is_first_hop("0") => -1',
    'is_first_hop("1") => -1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep4: [
    'is_first_hop() => 1',
    'is_first_hop("0") => 1',
    'is_first_hop("1") => 1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep5: [
    'is_first_hop() => -1',
    'is_first_hop("0") => -1',
    'is_first_hop("1") => -1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep6: [
    'is_first_hop() => 1',
    'is_first_hop("0") => 1',
    'is_first_hop("1") => 1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep7: [
    'is_first_hop() => 1',
    'is_first_hop("0") => 1',
    'is_first_hop("1") => 1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep8: [
    'is_first_hop() => -1',
    'is_first_hop("0") => -1',
    'is_first_hop("1") => -1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
  rep9: [
    'is_first_hop() => -1',
    'is_first_hop("0") => -1',
    'is_first_hop("1") => -1',
    'is_request() => -1',
    'is_reply() => 1',
    'has_totag() => 1',
    'is_gruu() => -1',
  ],
};

describe('siputils message checks', () => {
  it.each(Object.keys(MESSAGES))('%s: a request', (name) => {
    expect(returnCodes(CALLS, MESSAGES[name]!)).toEqual(EXPECTED[name]);
  });

  it.each(Object.keys(REPLIES))('%s: a reply, in reply_route (first hop: no Record-Route, or the top one is this server by address)', (name) => {
    expect(returnCodes(REPLY_CALLS, REPLIES[name]!, { route: 'reply_route' })).toEqual(REPLY_EXPECTED[name]);
  });
});
