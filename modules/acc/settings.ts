// acc's parameters as Kamailio 5.6 names them, checked at start: the flags
// that mark a transaction for accounting, the log level and facility, the
// database and its columns. Parameters of features siprc does not provide
// (CDRs, which need the dialog module; multi-leg info; early media, e2e ACK
// and direction detection; time modes other than 0; failed_filter; prepare
// flags) are accepted at their defaults and refused otherwise, saying so.

import type { ParamDecl, ParamValues } from '../api.js';

const int = (name: string, def: number, min = -1): ParamDecl => ({ name, type: 'int', default: def, min });
const str = (name: string, def: string): ParamDecl => ({ name, type: 'str', default: def });

export const accParams: readonly ParamDecl[] = [
  int('early_media', 0, 0),
  int('failed_transaction_flag', -1),
  str('failed_filter', ''),
  int('report_ack', 0, 0),
  int('report_cancels', 0, 0),
  int('detect_direction', 0, 0),
  int('acc_prepare_flag', -1),
  int('acc_prepare_always', 0, 0),
  int('acc_extra_nullable', 0, 0),
  str('multi_leg_info', ''),
  int('log_flag', -1),
  int('log_missed_flag', -1),
  int('log_level', 1, -5),
  str('log_facility', 'LOG_DAEMON'),
  str('log_extra', ''),
  int('db_flag', -1),
  int('db_missed_flag', -1),
  str('db_table_acc', 'acc'),
  str('db_table_missed_calls', 'missed_calls'),
  str('db_url', ''),
  str('acc_method_column', 'method'),
  str('acc_from_tag_column', 'from_tag'),
  str('acc_to_tag_column', 'to_tag'),
  str('acc_callid_column', 'callid'),
  str('acc_sip_code_column', 'sip_code'),
  str('acc_sip_reason_column', 'sip_reason'),
  str('acc_time_column', 'time'),
  str('db_extra', ''),
  int('db_insert_mode', 0, 0),
  int('cdr_enable', 0, 0),
  str('cdr_skip', ''),
  int('cdr_expired_dlg_enable', 0, 0),
  int('cdr_start_on_confirmed', 0, 0),
  str('cdr_facility', 'LOG_DAEMON'),
  str('cdr_extra', ''),
  int('cdr_extra_nullable', 0, 0),
  str('cdr_start_id', 'start_time'),
  str('cdr_end_id', 'end_time'),
  str('cdr_duration_id', 'duration'),
  int('cdr_log_enable', 1, 0),
  str('cdrs_table', ''),
  int('time_mode', 0, 0),
  str('time_attr', ''),
  str('time_exten', ''),
  str('time_format', '%Y-%m-%d %H:%M:%S'),
  int('reason_from_hf', 0, 0),
  int('clone_msg', 1, 0),
  int('cdr_on_failed', 1, 0),
  int('acc_extra_size', 64, 1),
  int('cdr_extra_size', 64, 1),
];

/** Parameters siprc accepts only at their default, with why. */
const NOT_PROVIDED: ReadonlyArray<readonly [string, string]> = [
  ['early_media', 'accounting provisional replies'],
  ['report_ack', 'accounting end-to-end ACKs'],
  ['detect_direction', 'direction detection'],
  ['acc_prepare_flag', 'prepare flags'],
  ['acc_prepare_always', 'prepare flags'],
  ['acc_extra_nullable', 'NULL extra values'],
  ['multi_leg_info', 'multi-leg accounting'],
  ['failed_filter', 'failed_filter'],
  ['cdr_enable', 'CDRs (they need the dialog module)'],
  ['time_mode', 'time modes other than 0'],
  ['reason_from_hf', 'reasons from the Reason header'],
];

export interface AccSettings {
  readonly flags: { readonly log: number; readonly missed: number; readonly failed: number; readonly db: number; readonly dbMissed: number };
  readonly level: number;
  readonly facility: string;
  readonly reportCancels: boolean;
  readonly dbUrl: string;
  readonly tables: { readonly acc: string; readonly missed: string };
  readonly columns: { readonly method: string; readonly fromTag: string; readonly toTag: string; readonly callId: string; readonly code: string; readonly reason: string; readonly time: string };
}

const FLAG_NAMES = ['log_flag', 'log_missed_flag', 'failed_transaction_flag', 'db_flag', 'db_missed_flag'] as const;

export function settingsOf(p: ParamValues): AccSettings | string {
  for (const [name, what] of NOT_PROVIDED) {
    const decl = accParams.find((d) => d.name === name)!;
    if (p.get(name) !== decl.default) return `${name}: ${what} is not provided by siprc's acc; leave ${name} at ${JSON.stringify(decl.default)}`;
  }
  for (const name of FLAG_NAMES) {
    const f = p.get(name) as number;
    if (f < -1 || f > 31) return `${name} ${f}: a flag is 0..31`;
  }
  const facility = p.get('log_facility') as string;
  if (!/^LOG_(DAEMON|USER|LOCAL[0-7]|AUTH|AUTHPRIV|CRON|KERN|LPR|MAIL|NEWS|SYSLOG|UUCP|FTP)$/.test(facility)) return `log_facility "${facility}": not a syslog facility (LOG_DAEMON, LOG_LOCAL0, ...)`;
  const s = (name: string): string => p.get(name) as string;
  return {
    flags: {
      log: p.get('log_flag') as number,
      missed: p.get('log_missed_flag') as number,
      failed: p.get('failed_transaction_flag') as number,
      db: p.get('db_flag') as number,
      dbMissed: p.get('db_missed_flag') as number,
    },
    level: p.get('log_level') as number,
    facility,
    reportCancels: (p.get('report_cancels') as number) !== 0,
    dbUrl: s('db_url'),
    tables: { acc: s('db_table_acc'), missed: s('db_table_missed_calls') },
    columns: {
      method: s('acc_method_column'),
      fromTag: s('acc_from_tag_column'),
      toTag: s('acc_to_tag_column'),
      callId: s('acc_callid_column'),
      code: s('acc_sip_code_column'),
      reason: s('acc_sip_reason_column'),
      time: s('acc_time_column'),
    },
  };
}

/** Whether flag `f` (-1: not set) is set in `flags`. */
export function hasFlag(flags: number, f: number): boolean {
  return f >= 0 && (flags & (1 << f)) !== 0;
}
