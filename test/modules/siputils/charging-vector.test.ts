// siputils' $pcv(all|value|genaddr|orig|term) on requests with various
// P-Charging-Vector headers, run by `siprc exec`. The values were recorded
// from Kamailio 5.6.3 logging the same pseudo-variables for the same
// requests (parameter names only in lower case and followed by `=`, values
// cut at white space, nothing without an icid-value).

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { request, run } from './run-calls.js';

const HEADERS: Record<string, string> = {
  pcv1: 'icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=;icid-generated-at=192.0.6.8;orig-ioi=home1.net;term-ioi=t.net',
  pcv2: 'icid-value="quoted val";orig-ioi=x',
  pcv3: 'garbage',
  pcv4: 'icid-value=abc',
  pcv5: 'orig-ioi=x',
  pcv6: 'icid-value=a; orig-ioi=b',
  pcv7: 'ICID-VALUE=a;ORIG-IOI=b',
  pcv8: 'icid-value = a ; term-ioi = t',
  pcv9: 'icid-value=a;foo=bar;term-ioi=t',
  pcv10: 'icid-value=a;icid-generated-at=[2001:db8::1]',
  pcv11: 'term-ioi=t;icid-value=v',
  pcv12: 'icid-value=;orig-ioi=x',
  pcv13: 'icid-value=a;orig-ioi',
};

const EXPECTED: Record<string, string> = {
  pcv1: 'all=[icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=;icid-generated-at=192.0.6.8;orig-ioi=home1.net;term-ioi=t.net] value=[AyretyU0dm+6O2IrT5tAFrbHLso=] gen=[192.0.6.8] orig=[home1.net] term=[t.net]',
  pcv2: 'all=[icid-value="quoted val";orig-ioi=x] value=["quoted] gen=[<null>] orig=[x] term=[<null>]',
  pcv3: 'all=[<null>] value=[<null>] gen=[<null>] orig=[<null>] term=[<null>]',
  pcv4: 'all=[icid-value=abc] value=[abc] gen=[<null>] orig=[<null>] term=[<null>]',
  pcv5: 'all=[<null>] value=[<null>] gen=[<null>] orig=[<null>] term=[<null>]',
  pcv6: 'all=[icid-value=a; orig-ioi=b] value=[a] gen=[<null>] orig=[b] term=[<null>]',
  pcv7: 'all=[<null>] value=[<null>] gen=[<null>] orig=[<null>] term=[<null>]',
  pcv8: 'all=[<null>] value=[<null>] gen=[<null>] orig=[<null>] term=[<null>]',
  pcv9: 'all=[icid-value=a;foo=bar;term-ioi=t] value=[a] gen=[<null>] orig=[<null>] term=[t]',
  pcv10: 'all=[icid-value=a;icid-generated-at=[2001:db8::1]] value=[a] gen=[[2001:db8::1]] orig=[<null>] term=[<null>]',
  pcv11: 'all=[term-ioi=t;icid-value=v] value=[v] gen=[<null>] orig=[<null>] term=[t]',
  pcv12: 'all=[icid-value=;orig-ioi=x] value=[<null>] gen=[<null>] orig=[x] term=[<null>]',
  pcv13: 'all=[icid-value=a;orig-ioi] value=[a] gen=[<null>] orig=[<null>] term=[<null>]',
};

const SCRIPT = 'xlog("L_ERR", "all=[$pcv(all)] value=[$pcv(value)] gen=[$pcv(genaddr)] orig=[$pcv(orig)] term=[$pcv(term)]\\n");';

describe('$pcv', () => {
  it.each(Object.keys(HEADERS))('%s: reads the header as Kamailio does', (name) => {
    const message = request(name, 'INVITE sip:u@h SIP/2.0', [`P-Charging-Vector: ${HEADERS[name]}`]);
    expect(run(SCRIPT, message).logs).toEqual([EXPECTED[name]]);
  });

  it('is read-only, needs one of its five names (Kamailio refuses the others at start-up)', () => {
    const codes = (body: string): string[] => codesOf(`loadmodule "sl.so"\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "siputils.so"\nrequest_route { ${body} }`, { modules: builtinModules }).map((c) => c.split('@')[0]!);
    expect(codes('xlog("L_ERR", "$pcv(value)");')).toEqual([]);
    expect(codes('xlog("L_ERR", "$pcv(VALUE)");')).toEqual(['E0706']);
    expect(codes('xlog("L_ERR", "$pcv");')).toEqual(['E0701']);
    expect(codes('$pcv(value) = "x";')).toEqual(['E0703']);
  });
});
