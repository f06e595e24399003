// corex's dns_cache: records given in the script answer for their names
// when the server sends (a request relayed to a name reaches the address the
// record gives); malformed records refuse to start, saying what is wrong.

import { parseDnsRecord } from '../../../modules/corex/dns-cache.js';
import { FixupError } from '../../../modules/api.js';
import { peer, request, serveScript } from '../../runtime/server/serve-script.js';

describe('dns_cache records', () => {
  it('read type, name, addr, ttl (seconds) and flags', () => {
    expect(parseDnsRecord('type=A;name=uas.test;addr=127.0.0.9;ttl=60;flags=0', 1000)).toEqual({ name: 'uas.test', family: 4, address: '127.0.0.9', expires: 61000 });
    expect(parseDnsRecord('type=AAAA; name=uas.test; addr=::1; flags=2')).toEqual({ name: 'uas.test', family: 6, address: '::1', expires: Infinity });
    expect(parseDnsRecord('type=A;name=blocked.test;flags=1', 0).address).toBeUndefined();
  });

  it.each([
    ['type=A;name=x.test;addr=::1', /not an IPv4 address/],
    ['type=MX;name=x.test;addr=127.0.0.1', /type must be A or AAAA/],
    ['type=SRV;name=_sip._udp.x.test;port=5060', /SRV records are not supported/],
    ['type=A;addr=127.0.0.1', /name is missing/],
    ['type=A;name=x.test;addr=127.0.0.1;ttl=soon', /ttl must be a number/],
    ['type=A;name=x.test;address=127.0.0.1', /unknown attribute "address"/],
  ])('refuses %s', (text, why) => {
    expect(() => parseDnsRecord(text)).toThrow(FixupError);
    expect(() => parseDnsRecord(text)).toThrow(why);
  });
});

describe('dns_cache in a served script', () => {
  it('sends to the address a record gives for the name', async () => {
    const [uas, uac] = [await peer(), await peer()];
    try {
      const served = await serveScript(`loadmodule "pv.so"
loadmodule "corex.so"
modparam("corex", "dns_cache", "type=A;name=uas.siprc.test;addr=127.0.0.1;ttl=3600;flags=2")
request_route {
  $du = "sip:uas.siprc.test:${uas.port}";
  forward();
}
`);
      try {
        uac.send(request('MESSAGE', uac.port), served.port);
        await expect(uas.waitFor(/^MESSAGE sip:bob@127\.0\.0\.1 SIP\/2\.0/)).resolves.toContain('Via: SIP/2.0/UDP 127.0.0.1:');
      } finally {
        await served.stop();
      }
    } finally {
      uas.close();
      uac.close();
    }
  });

  it('refuses to start with a malformed record', async () => {
    await expect(serveScript('loadmodule "corex.so"\nmodparam("corex", "dns_cache", "type=A;name=x.test;addr=nowhere")\nrequest_route { drop; }\n')).rejects.toThrow(
      'module corex cannot start: dns_cache: addr "nowhere" is not an IPv4 address for a A record',
    );
  });
});
