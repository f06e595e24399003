// The `user` and `group` parameters of the control modules (ctl, jsonrpcs):
// a name (looked up in /etc/passwd or /etc/group, as getpwnam/getgrnam would
// on a system without NSS modules) or a number, to own the Unix sockets and
// FIFOs they create.

import { readFileSync } from 'node:fs';

/** The id a user or group name (or number) stands for, or undefined when there is none. */
export function lookupId(name: string, kind: 'user' | 'group'): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  let text: string;
  try {
    text = readFileSync(kind === 'user' ? '/etc/passwd' : '/etc/group', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return undefined;
}
