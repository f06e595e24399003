// append_to_reply, set_reply_body and append_time, sent with sl_send_reply.
// The replies were recorded from Kamailio 5.6 with the same routes and INVITE.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { HEAD, run } from './run.js';

/** The reply's header lines after CSeq, and its body. */
function tail(sent: readonly string[] | undefined): { headers: string[]; body: string } {
  const lines = sent ?? [];
  const end = lines.indexOf('');
  return { headers: lines.slice(lines.findIndex((l) => l.startsWith('CSeq:')) + 1, end), body: lines.slice(end + 1).join('\r\n') };
}

describe('append_to_reply, set_reply_body, append_time', () => {
  it('queue lines and a body for the reply the script sends', () => {
    const { logs, sent } = run(
      'append_to_reply("Foo: bar\\r\\n"); append_to_reply("X-Ci: $ci\\r\\n"); set_reply_body("hi there", "text/plain"); xlog("$rc\\n");' +
        'append_time(); xlog("$rc\\n"); sl_send_reply("404", "Nope");',
    );
    expect(logs).toEqual(['1', '1']);
    expect(sent?.[0]).toBe('SIP/2.0 404 Nope');
    const { headers, body } = tail(sent);
    expect(headers.slice(0, 3)).toEqual(['Foo: bar', 'X-Ci: c1@x', 'Content-Type: text/plain']);
    expect(headers[3]).toMatch(/^Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(headers.slice(4)).toEqual([`Server: siprc (${process.platform})`, 'Content-Length: 8']);
    expect(body).toBe('hi there');
  });

  it('keep the first body; a second set_reply_body (or an empty one) gives -1', () => {
    const { logs, sent } = run('set_reply_body("a", "text/plain"); xlog("$rc\\n"); set_reply_body("bb", "text/x"); xlog("$rc\\n"); set_reply_body("", "text/x"); xlog("$rc\\n"); sl_send_reply("200", "OK");');
    expect(logs).toEqual(['1', '-1', '-1']);
    expect(tail(sent)).toEqual({ headers: ['Content-Type: text/plain', 'Content-Type: text/x', `Server: siprc (${process.platform})`, 'Content-Length: 1'], body: 'a' });
  });

  it('lose what they queued to msg_apply_changes', () => {
    expect(tail(run('append_to_reply("Foo: bar\\r\\n"); msg_apply_changes(); sl_send_reply("404", "Nope");').sent).headers).toEqual([
      `Server: siprc (${process.platform})`,
      'Content-Length: 0',
    ]);
  });

  it('run where Kamailio 5.6 lets them: request, failure and branch routes', () => {
    const script = `${HEAD}onreply_route[R] {\n  append_to_reply("X: 1\\r\\n");\n  set_reply_body("a", "text/plain");\n}\nfailure_route[F] { append_time(); }\nrequest_route { t_on_reply("R"); }\n`;
    expect(codesOf(script, { modules: builtinModules }).filter((c) => c.startsWith('E0603'))).toEqual(['E0603@8:3', 'E0603@9:3']);
  });
});
