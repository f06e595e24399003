// set_body, has_body and is_audio_on_hold. Values and forwarded messages
// recorded from Kamailio 5.6 with the same routes and messages.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { bodyOf, HEAD, headersOf, invite, run } from './run.js';

const FORWARD = 'forward("127.0.0.1", 7462);';

describe('set_body', () => {
  it('replaces the body and its Content-Type line, the new one after the last header; an empty body is refused', () => {
    const { logs, sent } = run(`set_body("hello", "text/plain"); xlog("$rc\\n"); has_body("text/plain"); xlog("$rc\\n"); set_body("", "text/plain"); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '-1', '-1']);
    expect(headersOf(sent).slice(-3)).toEqual(['X-Foo: c', 'Content-Length: 5', 'Content-Type: text/plain']);
    expect(bodyOf(sent)).toBe('hello');
  });

  it('called twice, keeps the last body and both Content-Type lines', () => {
    const { sent } = run(`set_body("hello", "text/plain"); set_body("world!", "text/x"); ${FORWARD}`);
    expect(headersOf(sent).slice(-3)).toEqual(['Content-Length: 6', 'Content-Type: text/plain', 'Content-Type: text/x']);
    expect(bodyOf(sent)).toBe('world!');
  });

  it('gives a body to a message without one', () => {
    const { sent } = run(`set_body("$ci", "text/plain"); ${FORWARD}`, invite([], { type: 'application/sdp', text: '' }));
    expect(headersOf(sent).slice(-2)).toEqual(['Content-Length: 4', 'Content-Type: text/plain']);
    expect(bodyOf(sent)).toBe('c1@x');
  });
});

describe('has_body', () => {
  it('needs a Content-Length above zero, and compares types as Kamailio codes them', () => {
    expect(run('has_body(); xlog("$rc\\n"); has_body("application/sdp"); xlog("$rc\\n"); has_body("Application/SDP"); xlog("$rc\\n"); has_body("text/plain"); xlog("$rc\\n"); has_body("application/*"); xlog("$rc\\n");').logs).toEqual([
      '1',
      '1',
      '1',
      '-1',
      '-1',
    ]);
    const unknown = invite([], { type: 'application/x-bar; v=1', text: 'hello' });
    expect(run('has_body("application/x-foo"); xlog("$rc\\n"); has_body("application/isup"); xlog("$rc\\n"); has_body("foo/bar"); xlog("$rc\\n");', unknown).logs).toEqual(['1', '-1', '-1']);
    const empty = invite([], { type: 'application/sdp', text: '' });
    expect(run('has_body(); xlog("$rc\\n"); has_body("application/sdp"); xlog("$rc\\n");', empty).logs).toEqual(['-1', '-1']);
  });

  it('refuses what is not type/subtype at start-up (even "0")', () => {
    expect(codesOf(`${HEAD}request_route {\n  has_body("sdp");\n  has_body("0");\n}\n`, { modules: builtinModules })).toEqual(['E0607@8:12', 'E0607@9:12']);
  });
});

describe('is_audio_on_hold', () => {
  const onHold = (sdp: readonly string[], type = 'application/sdp'): string[] =>
    run('is_audio_on_hold(); xlog("$rc\\n");', invite([], { type, text: `${sdp.join('\r\n')}\r\n` })).logs;
  const SESSION = ['v=0', 'o=a 1 1 IN IP4 1.2.3.4', 's=-'];

  it('is 1 for a 0.0.0.0 connection, 2 for sendonly or inactive (on the stream or the session)', () => {
    expect(onHold([...SESSION, 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 4000 RTP/AVP 0'])).toEqual(['1']);
    expect(onHold([...SESSION, 'c=IN IP4 1.2.3.4', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 0.0.0.0', 'a=sendonly'])).toEqual(['2']);
    expect(onHold([...SESSION, 'c=IN IP4 1.2.3.4', 't=0 0', 'a=inactive', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'])).toEqual(['2']);
  });

  it('is -1 for recvonly audio, video on hold, an SDP Kamailio cannot parse, another type, and no hold', () => {
    expect(onHold([...SESSION, 'c=IN IP4 1.2.3.4', 't=0 0', 'm=video 5000 RTP/AVP 31', 'a=inactive', 'm=audio 4000 RTP/AVP 0', 'a=recvonly'])).toEqual(['-1']);
    expect(onHold(['v=0', 's=-', 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 4000 RTP/AVP 0'])).toEqual(['-1']);
    expect(onHold([...SESSION, 't=0 0', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 0.0.0.0', 'm=audio 5000 RTP/AVP 0', 'a=sendonly'])).toEqual(['-1']);
    expect(onHold([...SESSION, 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 4000 RTP/AVP 0'], 'text/plain')).toEqual(['-1']);
    expect(run('is_audio_on_hold(); xlog("$rc\\n");').logs).toEqual(['-1']);
  });
});
