// file_read(path, var): a file's content into a writable variable;
// file_write(path, content): a string with variables written to a file
// (replacing it). -1 when the path or the content is empty or the file
// cannot be opened, as in Kamailio 5.6.

import { readFileSync, writeFileSync } from 'node:fs';
import { ANY_ROUTE, command, type CommandDecl } from '../api.js';

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path).toString('latin1');
  } catch {
    return undefined;
  }
}

function writeFile(path: string, content: string): boolean {
  try {
    writeFileSync(path, Buffer.from(content, 'latin1'));
    return true;
  } catch {
    return false;
  }
}

export const fileCommands: readonly CommandDecl[] = [
  command({
    name: 'file_read',
    args: [{ name: 'fpath', type: 'spve' }, { name: 'var', type: 'pvar-writable' }],
    routes: ANY_ROUTE,
    run: (ctx, [path, variable]) => {
      const content = path === '' ? undefined : readFile(path);
      if (content === undefined) return -1;
      variable.set!(ctx, content);
      return 1;
    },
  }),
  command({
    name: 'file_write',
    args: [{ name: 'fpath', type: 'spve' }, { name: 'content', type: 'spve' }],
    routes: ANY_ROUTE,
    run: (_ctx, [path, content]) => (path !== '' && content !== '' && writeFile(path, content) ? 1 : -1),
  }),
];
