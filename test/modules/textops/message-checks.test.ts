// is_method and is_privacy. Values recorded from Kamailio 5.6 on the same
// routes and INVITE (Privacy lines added): lists may hold only known methods,
// and is_privacy reads the first Privacy line only.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { HEAD, invite, run } from './run.js';

describe('is_method', () => {
  it('compares the method with a name or a list of names', () => {
    expect(
      run('is_method("INVITE"); xlog("$rc\\n"); is_method("invite"); xlog("$rc\\n"); is_method("BYE|invite"); xlog("$rc\\n"); is_method("BYE|ACK|KDMQ|GET"); xlog("$rc\\n"); is_method("INV"); xlog("$rc\\n"); is_method("foo"); xlog("$rc\\n");').logs,
    ).toEqual(['1', '1', '1', '-1', '-1', '-1']);
  });

  it('refuses a list with a method Kamailio does not know at start-up', () => {
    expect(codesOf(`${HEAD}request_route {\n  is_method("FOO|INVITE");\n}\n`, { modules: builtinModules })).toEqual(['E0607@8:13']);
  });
});

describe('is_privacy', () => {
  const values = 'is_privacy("id"); xlog("$rc\\n"); is_privacy("user"); xlog("$rc\\n"); is_privacy("header"); xlog("$rc\\n"); is_privacy("none"); xlog("$rc\\n"); is_privacy("ID"); xlog("$rc\\n");';

  it('looks in the first Privacy line only', () => {
    expect(run(values, invite(['Privacy: id; user', 'Privacy: header'])).logs).toEqual(['1', '1', '-1', '-1', '1']);
  });

  it('is false for a line with an unknown value, and without Privacy', () => {
    expect(run('is_privacy("id"); xlog("$rc\\n"); is_privacy("none"); xlog("$rc\\n");', invite(['Privacy: id; foo'])).logs).toEqual(['-1', '-1']);
    expect(run('is_privacy("id"); xlog("$rc\\n");').logs).toEqual(['-1']);
  });

  it('refuses an unknown privacy value at start-up', () => {
    expect(codesOf(`${HEAD}request_route {\n  is_privacy("nobody");\n}\n`, { modules: builtinModules })).toEqual(['E0607@8:14']);
  });
});
