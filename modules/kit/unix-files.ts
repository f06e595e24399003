// The file of a Unix socket a control module creates (ctl, jsonrpcs): its
// folder made when missing, a
// stale socket left at the path replaced (one that a live process still
// serves, or any other kind of file, is refused: Kamailio would take it
// over, leaving that process unreachable),
// the socket bound under a umask of 0177 so it is never more open than its
// owner's, then given the `mode`, `user` and `group` asked for.

import { chmodSync, chownSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';

export interface UnixOwnership {
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Makes the socket's folder when missing and removes a stale socket file at
 * its path; rejects when the path is another kind of file or a socket some
 * process still listens on.
 */
export async function prepareUnixPath(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`${path} exists and is not a socket`);
  if (await listenedOn(path)) throw new Error(`${path} is in use by another process`);
  unlinkSync(path);
}

/** Whether a process listens on the socket file: a stream socket accepts, a datagram one refuses the stream type; a stale file refuses the connection. */
function listenedOn(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code !== 'ECONNREFUSED' && e.code !== 'ENOENT'));
  });
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
