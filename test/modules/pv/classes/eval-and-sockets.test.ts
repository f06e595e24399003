// $_s (a string with pseudo-variables evaluated when read), the message as
// the script changed it ($mbu), the method id ($rmid), the destination set
// ($ds), and the sockets as the script declares and chooses them ($Ru $Rut
// $sas $Rn $fs $fsn $conid).

import { runScript, sipMessage } from '../../run-script.js';

const HEAD = 'debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "corex.so"\n';

function request(method: string): string {
  return sipMessage([`${method} sip:bob@127.0.0.1 SIP/2.0`, 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:alice@example.com>;tag=1', 'To: <sip:bob@example.org>', 'Call-ID: c', `CSeq: 1 ${method}`, 'Content-Length: 0']);
}

function logs(globals: string, body: string, method = 'OPTIONS', proto = 'udp'): string[] {
  const r = runScript(`${HEAD}${globals}\nrequest_route {\n${body}\n}\n`, request(method), { proto });
  expect(r.stderr).toBe('');
  return r.logs;
}

describe('$_s', () => {
  it('evaluates its text as a string with pseudo-variables, each time it is read', () => {
    expect(logs('', '$var(k) = "a"; xlog("L_ERR", "$_s(k=$var(k);u=$fU)\\n"); $var(k) = "b"; xlog("L_ERR", "$(_s(k=$var(k)){s.len})\\n");')).toEqual(['k=a;u=alice', '3']);
  });
});

describe('message pseudo-variables', () => {
  it('$rmid is Kamailio\'s method bit, one value for every method it does not know', () => {
    expect(logs('', 'xlog("L_ERR", "$rmid\\n");', 'OPTIONS')).toEqual(['512']);
    expect(logs('', 'xlog("L_ERR", "$rmid\\n");', 'KDMQ')).toEqual(['16384']);
    expect(logs('', 'xlog("L_ERR", "$rmid\\n");', 'FOO')).toEqual(['524288']);
  });

  it('$mbu is the message with the script\'s changes, $ds the destination set', () => {
    expect(logs('', 'xlog("L_ERR", "$ds\\n"); $ru = "sip:new@h"; append_branch("sip:b@h"); xlog("L_ERR", "$(mbu{s.select,0,\\n}) $ds\\n");')).toEqual([
      '<null>',
      'OPTIONS sip:new@h SIP/2.0\r Contact: <sip:new@h>, <sip:b@h>',
    ]);
  });

  it('$pp is the process id', () => {
    expect(logs('', 'xlog("L_ERR", "$pp\\n");')).toEqual([String(process.pid)]);
  });
});

describe('socket pseudo-variables', () => {
  const NAMED = 'listen=udp:127.0.0.1:5060 name "main"\nlisten=tcp:127.0.0.1:5061 name "side"';

  it('write the receiving and the source socket as URIs and as proto:host:port', () => {
    expect(logs('', 'xlog("L_ERR", "$Ru $Rut $sas\\n");')).toEqual(['sip:127.0.0.1:5060 sip:127.0.0.1:5060;transport=udp udp:127.0.0.1:5070']);
  });

  it('$Rn names the listen socket the message came on', () => {
    expect(logs(NAMED, 'xlog("L_ERR", "$Rn\\n");')).toEqual(['main']);
    expect(logs('', 'xlog("L_ERR", "$Rn\\n");')).toEqual(['<null>']);
  });

  it('$fs and $fsn give the socket force_send_socket chose', () => {
    expect(logs(NAMED, 'xlog("L_ERR", "$fs $fsn\\n"); force_send_socket(127.0.0.1:5061); xlog("L_ERR", "$fs $fsn\\n");')).toEqual(['<null> <null>', 'tcp:127.0.0.1:5061 side']);
  });

  it('$RAu follows set_advertised_address and set_advertised_port', () => {
    expect(logs('', 'set_advertised_address("sip.example.com"); set_advertised_port(5080); xlog("L_ERR", "$RAu $RAut\\n");')).toEqual(['sip:sip.example.com:5080 sip:sip.example.com:5080;transport=udp']);
  });

  it('$conid is null for a datagram', () => {
    expect(logs('', 'xlog("L_ERR", "$conid\\n");')).toEqual(['<null>']);
  });
});
