// The file of a Unix socket ctl creates: its folder made when missing, a
// stale socket left at the path replaced (any other kind of file refused),
// the socket bound under a umask of 0177 so it is never more open than its
// owner's, then given the `mode`, `user` and `group` asked for.

import { chmodSync, chownSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

export interface UnixOwnership {
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Makes the socket's folder when missing and removes a stale socket file at its path; throws for another kind of file. */
export function prepareUnixPath(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`${path} exists and is not a socket`);
  unlinkSync(path);
}

/** Runs `bind` (which creates the socket file synchronously) with only the owner's permissions allowed. */
export function bindPrivately<T>(bind: () => T): T {
  const umask = process.umask(0o177);
  try {
    return bind();
  } finally {
    process.umask(umask);
  }
}

/** Gives the socket file its mode and owner. */
export function applyOwnership(path: string, owner: UnixOwnership): void {
  chmodSync(path, owner.mode);
  if (owner.uid !== undefined || owner.gid !== undefined) chownSync(path, owner.uid ?? -1, owner.gid ?? -1);
}
