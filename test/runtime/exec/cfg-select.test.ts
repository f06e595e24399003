// cfg_select and cfg_reset run by `siprc exec`: selecting an instance of a
// configuration group is true when the script declares that instance
// (`group[id].name = value`), false otherwise; cfg_reset is always true. As
// Kamailio 5.6.3 runs them (test/differential/xlog/83-cfg-select.cfg).

import { runScript, sipMessage } from '../../modules/run-script.js';

const HEAD = 'debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\nmy.v = 5 desc "a value"\nmy[1].v = 7\n';
const REQUEST = sipMessage(['OPTIONS sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@h>;tag=1', 'To: <sip:b@h>', 'Call-ID: c', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

const result = (call: string): string[] => {
  const r = runScript(`${HEAD}request_route {\nif (${call}) xlog("L_ERR", "true\\n"); else xlog("L_ERR", "false\\n");\n}\n`, REQUEST);
  expect(r.stderr).toBe('');
  return r.logs;
};

describe('configuration group instances', () => {
  it('cfg_select is true for an instance the script declares', () => {
    expect(result('cfg_select("my", 1)')).toEqual(['true']);
    expect(result('cfg_select("my", 0)')).toEqual(['false']);
    expect(result('cfg_select("core", 1)')).toEqual(['false']);
  });

  it('cfg_select reads the instance number from an expression', () => {
    expect(result('cfg_select("my", $var(one) + 1)')).toEqual(['true']);
  });

  it('cfg_reset is true', () => {
    expect(result('cfg_reset("my")')).toEqual(['true']);
  });
});
