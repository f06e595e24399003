// msg_apply_changes, msg_set_buffer, remove_body and change_reply_status.
// Logs and sent messages recorded from Kamailio 5.6 with the same scripts
// and messages.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { runScript, sipMessage } from '../run-script.js';
import { bodyOf, HEAD, headersOf, invite, run } from '../textops/run.js';

describe('msg_apply_changes', () => {
  it('makes the changes so far the message: reads see them, $ru and $du stay', () => {
    const { logs, sent } = run(
      '$ru = "sip:carol@127.0.0.1"; $du = "sip:127.0.0.1:7462"; append_hf("Y: 1\\r\\n"); remove_hf("P-One"); msg_apply_changes();' +
        'xlog("$rc ru=$ru ou=$ou du=$du y=$hdr(Y) p=$hdr(P-One)\\n"); is_present_hf("Y"); xlog("$rc\\n"); remove_hf("Y"); is_present_hf("Y"); xlog("$rc\\n");' +
        'msg_apply_changes(); is_present_hf("Y"); xlog("$rc\\n"); forward();',
    );
    expect(logs).toEqual(['1 ru=sip:carol@127.0.0.1 ou=sip:carol@127.0.0.1 du=sip:127.0.0.1:7462 y=1 p=<null>', '1', '1', '-1']);
    expect(sent?.[0]).toBe('INVITE sip:carol@127.0.0.1 SIP/2.0');
    expect(headersOf(sent).filter((l) => /^(Y|P-One):/.test(l))).toEqual([]);
  });

  it('applies body and header value changes', () => {
    const { logs } = run('set_body("hello", "text/plain"); subst_hf("To", "/bob/bo/", "a"); msg_apply_changes(); xlog("$rc $rb $hdr(Content-Type) $cl $tU\\n"); search_body("^hello$"); xlog("$rc\\n");');
    expect(logs).toEqual(['1 hello text/plain 5 bo', '1']);
  });

  it('applies a reply\'s changes in reply_route', () => {
    const reply = sipMessage([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP 127.0.0.1:7460;branch=z9hG4bK-k1',
      'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=z9hG4bK-1;received=127.0.0.1;rport=7461',
      'From: <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>;tag=b1',
      'Call-ID: r1@x',
      'CSeq: 1 INVITE',
      'X-Code: 200',
      'Content-Length: 0',
    ]);
    const out = runScript(
      `${HEAD}reply_route {\n msg_apply_changes(); xlog("$rc\\n"); append_hf("X-New: 1\\r\\n"); remove_hf("X-Code"); msg_apply_changes(); xlog("$rc\\n"); is_present_hf("X-New"); xlog("$rc\\n");\n}\nrequest_route { drop; }\n`,
      reply,
    );
    expect(out.logs).toEqual(['1', '1', '1']);
    expect(out.sent[0]?.text.split('\r\n').slice(0, 8)).toEqual([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=z9hG4bK-1;received=127.0.0.1;rport=7461',
      'From: <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>;tag=b1',
      'Call-ID: r1@x',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      'X-New: 1',
    ]);
  });
});

describe('msg_set_buffer', () => {
  const OPTIONS = 'OPTIONS sip:zed@127.0.0.1 SIP/2.0\\r\\nVia: SIP/2.0/UDP 127.0.0.1:7461;branch=z9hG4bK-9;rport\\r\\nFrom: <sip:a@b>;tag=1\\r\\nTo: <sip:c@d>\\r\\nCall-ID: z\\r\\nCSeq: 2 OPTIONS\\r\\nContent-Length: 0\\r\\n\\r\\n';

  it('puts another message in place, pending changes gone, $du kept', () => {
    const { logs, sent } = run(`$du = "sip:127.0.0.1:7462"; append_hf("Y: 1\\r\\n"); msg_set_buffer("${OPTIONS}"); xlog("$rc $ru $du $ci\\n"); forward();`);
    expect(logs).toEqual(['1 sip:zed@127.0.0.1 sip:127.0.0.1:7462 z']);
    expect(sent).toEqual([
      'OPTIONS sip:zed@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1:7460;branch=*',
      'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=*;received=127.0.0.1;rport=7461',
      'From: <sip:a@b>;tag=1',
      'To: <sip:c@d>',
      'Call-ID: z',
      'CSeq: 2 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ]);
  });

  it('puts a message of the other kind in place too', () => {
    const reply = 'SIP/2.0 200 OK\\r\\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-9\\r\\nFrom: <sip:a@b>;tag=1\\r\\nTo: <sip:c@d>\\r\\nCall-ID: z\\r\\nCSeq: 2 OPTIONS\\r\\nContent-Length: 0\\r\\n\\r\\n';
    expect(run(`msg_set_buffer("${reply}"); xlog("$rc $ci\\n");`).logs).toEqual(['1 z']);
  });
});

describe('remove_body', () => {
  it('empties the body (Content-Length 0, Content-Type kept), 1 even when there is none', () => {
    const { logs, sent } = run('remove_body(); xlog("$rc\\n"); remove_body(); xlog("$rc\\n"); forward("127.0.0.1", 7462);');
    expect(logs).toEqual(['1', '1']);
    expect(headersOf(sent).slice(-2)).toEqual(['Content-Type: application/sdp', 'Content-Length: 0']);
    expect(bodyOf(sent)).toBe('');
    expect(run('remove_body(); xlog("$rc\\n");', invite([], { type: 'application/sdp', text: '' })).logs).toEqual(['1']);
  });
});

describe('change_reply_status, change_reply_status_code', () => {
  const reply = (code: number, reason: string): string =>
    sipMessage([
      `SIP/2.0 ${code} ${reason}`,
      'Via: SIP/2.0/UDP 127.0.0.1:7460;branch=z9hG4bK-k1',
      'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=z9hG4bK-1;received=127.0.0.1;rport=7461',
      'From: <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>;tag=b1',
      'Call-ID: r1@x',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
    ]);
  const onReply = (route: string, code: number, reason: string): { logs: string[]; status: string | undefined } => {
    const out = runScript(`${HEAD}reply_route {\n${route}\n}\nrequest_route { drop; }\n`, reply(code, reason));
    return { logs: out.logs, status: out.sent[0]?.text.split('\r\n')[0] };
  };

  it('changes the code at once and the reason in the reply sent (two reasons both written)', () => {
    expect(onReply('change_reply_status(404, "Not Found"); xlog("$rc $rs $rr\\n"); change_reply_status(500, "Again"); xlog("$rc $rs\\n");', 603, 'Decline')).toEqual({
      logs: ['1 404 Decline', '1 500'],
      status: 'SIP/2.0 500 Not FoundAgain',
    });
  });

  it('keeps the class of provisional and 2xx replies, and codes within 100..699', () => {
    expect(onReply('change_reply_status(183, "Session Progress"); xlog("$rc\\n"); change_reply_status(200, "OK"); xlog("$rc\\n"); change_reply_status(700, "X"); xlog("$rc\\n");', 180, 'Ringing')).toEqual({
      logs: ['1', '-1', '-1'],
      status: 'SIP/2.0 183 Session Progress',
    });
    expect(onReply('change_reply_status(202, "Accepted"); xlog("$rc\\n"); change_reply_status(400, "Bad"); xlog("$rc\\n");', 200, 'OK')).toEqual({ logs: ['1', '-1'], status: 'SIP/2.0 202 Accepted' });
    expect(onReply('change_reply_status(302, "Moved"); xlog("$rc $rs\\n");', 486, 'Busy Here')).toEqual({ logs: ['1 302'], status: 'SIP/2.0 302 Moved' });
  });

  it('changes only the code with change_reply_status_code (a variable too); an empty reason is refused', () => {
    expect(onReply('change_reply_status_code(600); xlog("$rc $rs $rr\\n"); change_reply_status(600, ""); xlog("$rc\\n");', 486, 'Busy Here')).toEqual({
      logs: ['1 600 Busy Here', '-1'],
      status: 'SIP/2.0 600 Busy Here',
    });
    expect(
      onReply('change_reply_status_code(200); xlog("$rc $rs\\n"); change_reply_status_code(99); xlog("$rc\\n"); $var(c) = 181; change_reply_status_code("$var(c)"); xlog("$rc $rs\\n");', 180, 'Ringing'),
    ).toEqual({ logs: ['-1 180', '-1', '1 181'], status: 'SIP/2.0 181 Ringing' });
  });
});

describe('where they run', () => {
  it('follows Kamailio 5.6: msg_apply_changes in request and reply routes, change_reply_status in reply routes', () => {
    const script = `${HEAD}failure_route[F] {\n  msg_apply_changes();\n}\nrequest_route {\n  change_reply_status(404, "Not Found");\n  msg_apply_changes();\n}\nreply_route { change_reply_status(404, "Not Found"); msg_apply_changes(); }\n`;
    expect(codesOf(script, { modules: builtinModules }).filter((c) => c.startsWith('E06'))).toEqual(['E0603@8:3', 'E0603@11:3']);
  });
});
