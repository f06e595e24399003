// ctl's binrpc parameter forms, as Kamailio 5.6's README.ctl lists them.

import { describeEndpoint, parseEndpoint } from '../../../modules/ctl/endpoints.js';

it.each([
  ['unix:/run/kamailio/kamailio_ctl', { proto: 'unix_stream', path: '/run/kamailio/kamailio_ctl' }],
  ['unixs:/tmp/unix_stream', { proto: 'unix_stream', path: '/tmp/unix_stream' }],
  ['unixd:/tmp/unix_dgram', { proto: 'unix_dgram', path: '/tmp/unix_dgram' }],
  ['/tmp/unix_test', { proto: 'unix_stream', path: '/tmp/unix_test' }],
  ['udp:localhost:2046', { proto: 'udp', host: 'localhost', port: 2046 }],
  ['tcp:127.0.0.1:2046', { proto: 'tcp', host: '127.0.0.1', port: 2046 }],
  ['localhost:3000', { proto: 'udp', host: 'localhost', port: 3000 }],
  ['tcp:3012', { proto: 'tcp', host: '0.0.0.0', port: 3012 }],
  ['udp:*:3012', { proto: 'udp', host: '0.0.0.0', port: 3012 }],
  ['tcp:[::1]:2046', { proto: 'tcp', host: '::1', port: 2046 }],
])('%s', (text, endpoint) => {
  expect(parseEndpoint(text)).toEqual(endpoint);
});

it.each([
  ['unix:', '"unix:": no socket path'],
  ['tcp:host:99999', '"tcp:host:99999": expected [tcp:][address:]port'],
  ['udp:nowhere', '"udp:nowhere": expected [udp:][address:]port'],
])('refuses %s', (text, error) => {
  expect(parseEndpoint(text)).toEqual({ error });
});

it('names endpoints as ctl.listen does', () => {
  expect(describeEndpoint({ proto: 'unix_stream', path: '/x' })).toBe('unix_stream:/x');
  expect(describeEndpoint({ proto: 'tcp', host: '::1', port: 2 })).toBe('tcp:[::1]:2');
});
