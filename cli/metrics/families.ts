// How siprc's statistics (Kamailio's `group:name`) appear as Prometheus
// metrics. Every statistic is one sample. Its family is named
// `siprc_<group>_<name>` (characters a metric name may not hold become `_`),
// with `_total` after a counter's name; every sample carries the group as
// its `module` label. Statistics that are one family split by a part of
// their name become one family with that part as a label:
//   core:rcv_requests_<method>          siprc_core_rcv_requests_method_total{method}
//   core:rcv_replies_<class>            siprc_core_rcv_replies_class_total{class}
//   core:rcv_replies_<class>_<method>   siprc_core_rcv_replies_class_method_total{class,method}
//   core:rcv_replies_<code>             siprc_core_rcv_replies_code_total{code}
//   sl:<class>_replies                  siprc_sl_replies_class_total{class}   (1xx..6xx, xxx)
//   sl:<code>_replies                   siprc_sl_replies_code_total{code}
//   tmx:<class>_transactions            siprc_tmx_transactions_class_total{class}
//   usrloc:<table>_users|_contacts      siprc_usrloc_users{table}, siprc_usrloc_contacts{table}
//   usrloc:<table>_expires              siprc_usrloc_expires_total{table}
// The label holds the text of the name as Kamailio writes it (`reg` for
// REGISTER in the reply counters, as core:rcv_replies_2xx_reg).

import type { StatKind } from '../../runtime/stats/registry.js';

/** One statistic as a sample of a family. */
export interface Series {
  readonly family: string;
  readonly kind: StatKind;
  /** The family's HELP. */
  readonly help: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface Split {
  readonly group: string;
  readonly pattern: RegExp;
  /** The family's name after `siprc_<group>_`. */
  readonly family: string;
  readonly labels: readonly string[];
  readonly help: string;
  /** The kind when the statistic is counted without being declared. */
  readonly kind?: StatKind;
}

const SPLITS: readonly Split[] = [
  { group: 'core', pattern: /^rcv_requests_([a-z]+)$/, family: 'rcv_requests_method', labels: ['method'], help: 'requests received, by method' },
  { group: 'core', pattern: /^rcv_replies_([1-6]xx)$/, family: 'rcv_replies_class', labels: ['class'], help: 'replies received, by class' },
  { group: 'core', pattern: /^rcv_replies_([1-6]xx)_([a-z]+)$/, family: 'rcv_replies_class_method', labels: ['class', 'method'], help: 'replies received, by class and by the method they answer' },
  { group: 'core', pattern: /^rcv_replies_(\d{3})$/, family: 'rcv_replies_code', labels: ['code'], help: 'replies received with these codes' },
  { group: 'sl', pattern: /^([1-6x]xx)_replies$/, family: 'replies_class', labels: ['class'], help: 'replies sent statelessly, by class (xxx: below 200 or above 699), other than those counted by code' },
  { group: 'sl', pattern: /^(\d{3})_replies$/, family: 'replies_code', labels: ['code'], help: 'replies sent statelessly with these codes' },
  { group: 'tmx', pattern: /^([1-6]xx)_transactions$/, family: 'transactions_class', labels: ['class'], help: 'transactions completed, by the class of their final reply' },
  { group: 'usrloc', pattern: /^(?!registered_users$)(.+)_users$/, family: 'users', labels: ['table'], help: 'AORs in memory, by table', kind: 'gauge' },
  { group: 'usrloc', pattern: /^(.+)_contacts$/, family: 'contacts', labels: ['table'], help: 'contacts in memory, by table', kind: 'gauge' },
  { group: 'usrloc', pattern: /^(.+)_expires$/, family: 'expires', labels: ['table'], help: 'contacts removed by the timer on expiry, by table', kind: 'counter' },
];

export const PREFIX = 'siprc_';

/** Text a metric name may hold ([a-zA-Z0-9_]; a name starting with a digit is fine after the prefix). */
function nameText(text: string): string {
  return text.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The family and labels of statistic `group:name`; `info` is what it was declared as (undefined: only counted, taken as a gauge). */
export function seriesOf(group: string, name: string, info: { readonly kind: StatKind; readonly help: string } | undefined): Series {
  for (const split of SPLITS) {
    if (split.group !== group) continue;
    const m = split.pattern.exec(name);
    if (!m) continue;
    const kind = info?.kind ?? split.kind ?? 'gauge';
    const labels: Record<string, string> = { module: group };
    split.labels.forEach((label, i) => (labels[label] = m[i + 1]!));
    return { family: familyName(group, split.family, kind), kind, help: split.help, labels };
  }
  const kind = info?.kind ?? 'gauge';
  return { family: familyName(group, name, kind), kind, help: info?.help ?? `${group}:${name}`, labels: { module: group } };
}

function familyName(group: string, name: string, kind: StatKind): string {
  return `${PREFIX}${nameText(group)}_${nameText(name)}${kind === 'counter' ? '_total' : ''}`;
}
