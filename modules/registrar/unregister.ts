// unregister(table, uri[, ruid]): removes every contact of the AOR, or the
// one with that ruid (found without the AOR when uri is ""). 1 when done
// (also when there was nothing to remove, as Kamailio answers), -1 for a
// URI that is no address, -2 when storage fails, -3 when the ruid is not
// there.

import type { ExecContext } from '../api.js';
import { guard, then, type Maybe } from '../kit/maybe.js';
import type { Change, Contact } from '../usrloc/api.js';
import { aorFor, type Registrar } from './state.js';

export function unregister(ctx: ExecContext, r: Registrar, table: string, uri: string, ruid = ''): Maybe<number> {
  const domain = r.ul.domain(table);
  const remove = (aor: string, contacts: readonly Contact[]): Maybe<number> => {
    const changes: Change[] = contacts.map((contact) => ({ op: 'delete', contact }));
    return then(domain.apply(aor, changes), () => 1);
  };
  const failed = (e: unknown): number => {
    ctx.log(-1, `registrar: unregister("${table}"): storage failed: ${(e as Error).message}`);
    return -2;
  };
  if (uri === '' && ruid !== '') return guard(() => then(domain.byRuid(ruid), (c) => (c ? remove(c.aor, [c]) : -3)), failed);
  const aor = aorFor(r, uri);
  if (aor === 'parse') return -1;
  return guard(
    () =>
      domain.exclusive(aor, () =>
        then(domain.get(aor), (record) => {
          if (ruid === '') return remove(aor, record?.contacts ?? []);
          const c = record?.contacts.find((x) => x.ruid === ruid);
          return c ? remove(aor, [c]) : -3;
        }),
      ),
    failed,
  );
}
