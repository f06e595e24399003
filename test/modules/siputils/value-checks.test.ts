// siputils' checks of values: is_tel_number, is_numeric, is_alphanum,
// is_alphanumex, is_e164, is_uri_user_e164, is_uri and is_gruu, run by
// `siprc exec`. The return codes were recorded from Kamailio 5.6.3 running
// the same calls on the same request.

import { request, returnCodes } from './run-calls.js';

const MESSAGE = request('str1', 'INVITE sip:alice;p1;p2=v2@127.0.0.1:27460;transport=udp;gr;lr;x=Y SIP/2.0', [
  'From: "B" <sip:+4912345@127.0.0.1;user=phone>;tag=1',
  'To: <tel:+1-(555)-123;ext=7;ISUB=+1-2>',
]);

/** Each call with the code Kamailio returned for it. */
const EXPECTED = [
  'is_tel_number("+123") => 1',
  'is_tel_number("123") => 1',
  'is_tel_number("+") => -2',
  'is_tel_number("") => -2',
  'is_tel_number("12a") => -2',
  'is_tel_number("1+2") => -2',
  'is_numeric("0123") => 1',
  'is_numeric("") => -2',
  'is_numeric("+1") => -2',
  'is_alphanum("aZ09") => 1',
  'is_alphanum("a-b") => -3',
  'is_alphanum("") => -2',
  'is_alphanumex("a-b", "-") => 1',
  'is_alphanumex("a-b.", "-") => -3',
  'is_alphanumex("", "-") => -2',
  'is_alphanumex("abc", "") => 1',
  '$var(x) = "+12345"; is_e164("$var(x)") => 1',
  '$var(x) = "+1"; is_e164("$var(x)") => -1',
  '$var(x) = "+12"; is_e164("$var(x)") => 1',
  '$var(x) = "+1234567890123456"; is_e164("$var(x)") => -1',
  '$var(x) = "+123456789012345"; is_e164("$var(x)") => 1',
  '$var(x) = "12345"; is_e164("$var(x)") => -1',
  '$var(x) = 12345; is_e164("$var(x)") => -1',
  'is_e164("$fU") => 1',
  'is_e164("$avp(nope)") => -1',
  'is_uri_user_e164("$fu") => 1',
  'is_uri_user_e164("$ru") => -1',
  'is_uri_user_e164("$tu") => -1',
  '$var(x) = "sip:+12345@h"; is_uri_user_e164("$var(x)") => 1',
  '$var(x) = "sip:+12a45@h"; is_uri_user_e164("$var(x)") => -1',
  '$var(x) = "garbage"; is_uri_user_e164("$var(x)") => -1',
  'is_uri_user_e164("$avp(nope)") => -1',
  '$var(x) = "sip:a@b"; is_uri("$var(x)") => 1',
  '$var(x) = "sip:a@"; is_uri("$var(x)") => -1',
  '$var(x) = "tel:+1"; is_uri("$var(x)") => 1',
  '$var(x) = "http://a"; is_uri("$var(x)") => -1',
  '$var(x) = "urn:service:sos"; is_uri("$var(x)") => 1',
  'is_uri("sip:x@y") => 1',
  'is_uri("") => -1',
  'is_gruu() => 2',
  'is_gruu("sip:a@b;gr") => 2',
  'is_gruu("sip:a@b;gr=x") => 1',
  'is_gruu("sip:a@b") => -1',
  'is_gruu("garbage") => -1',
];

const calls = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/ => -?\d+$/, ''));

describe('siputils value checks', () => {
  it('give the codes Kamailio gives: 1, or -2/-3 for the character checks, -1 for the others', () => {
    expect(returnCodes(calls(EXPECTED), MESSAGE)).toEqual(EXPECTED);
  });
});
