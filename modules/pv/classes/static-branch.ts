// The static branch: $sbranch(key) holds the attributes of one branch
// (uri, dst_uri, path, q, send_socket, flags) per worker process, kept
// across messages as in Kamailio; sbranch_append() adds it to the request's
// branches, sbranch_set_ruri() makes it the Request-URI's own branch, and
// sbranch_reset() empties it. Checked against Kamailio 5.6.3 (which accepts
// ruid and location_ua but always reads them as null).

import { command, FixupError, toInt, type CommandDecl, type ExecContext, type PvClassDecl, type RouteType, type Value } from '../../api.js';
import { parseSocketSpec, socketAt } from '../../../runtime/exec/local-sockets.js';

interface StaticBranch {
  uri?: string;
  dst_uri?: string;
  path?: string;
  q?: number;
  send_socket?: string;
  flags?: number;
}

const STATE = 'pv.sbranch';
const TEXT_KEYS = ['uri', 'dst_uri', 'path'] as const;
const NUMBER_KEYS = ['q', 'flags'] as const;
/** Keys Kamailio 5.6.3 accepts but never gives back. */
const WRITE_ONLY_KEYS = ['ruid', 'location_ua'];

/** Whether `[proto:]address[:port]` names one of the sockets the script listens on. */
function isLocalSocket(ctx: ExecContext, text: string): boolean {
  const spec = parseSocketSpec(text);
  return spec !== undefined && socketAt(ctx, spec) !== undefined;
}

function staticBranch(ctx: ExecContext): StaticBranch {
  let branch = ctx.worker.modules.get(STATE) as StaticBranch | undefined;
  if (!branch) ctx.worker.modules.set(STATE, (branch = {}));
  return branch;
}

export const staticBranchClass: PvClassDecl = {
  name: 'sbranch',
  inner: 'required',
  writable: true,
  compile: (ref) => {
    const key = ref.name?.text ?? '';
    if (ref.name?.dynamic || ref.index) throw new FixupError('takes a constant key and no index');
    if ((TEXT_KEYS as readonly string[]).includes(key)) {
      const k = key as (typeof TEXT_KEYS)[number];
      return {
        get: (ctx) => staticBranch(ctx)[k] ?? null,
        set: (ctx, value) => void (staticBranch(ctx)[k] = value === null ? undefined : String(value)),
      };
    }
    if (key === 'send_socket') {
      return {
        get: (ctx) => staticBranch(ctx).send_socket ?? null,
        // Only one of this server's sockets is kept, as Kamailio does.
        set: (ctx, value) => void (staticBranch(ctx).send_socket = value !== null && isLocalSocket(ctx, String(value)) ? String(value) : undefined),
      };
    }
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      const k = key as (typeof NUMBER_KEYS)[number];
      return {
        get: (ctx) => staticBranch(ctx)[k] ?? null,
        set: (ctx, value) => void (staticBranch(ctx)[k] = value === null ? undefined : toInt(value)),
      };
    }
    if (WRITE_ONLY_KEYS.includes(key)) return { get: () => null, set: () => undefined };
    throw new FixupError(`unknown key \`${key}\` (uri, dst_uri, path, q, send_socket, flags, ruid, location_ua)`);
  },
};

const ROUTES: readonly RouteType[] = ['request', 'branch', 'failure'];

export const staticBranchCommands: readonly CommandDecl[] = [
  command({
    name: 'sbranch_append',
    args: [],
    routes: ROUTES,
    run: (ctx) => {
      const b = staticBranch(ctx);
      if (!b.uri) return -1;
      ctx.branches.push({ uri: b.uri, destination: b.dst_uri, path: b.path, q: b.q ?? -1, flags: b.flags ?? 0, socket: b.send_socket });
      return 1;
    },
  }),
  command({
    name: 'sbranch_set_ruri',
    args: [],
    routes: ROUTES,
    run: (ctx) => {
      const b = staticBranch(ctx);
      if (!b.uri) return -1;
      ctx.edits.requestUri = b.uri;
      ctx.edits.destination = b.dst_uri;
      ctx.branchFlags = b.flags ?? 0;
      return 1;
    },
  }),
  command({
    name: 'sbranch_reset',
    args: [],
    routes: ROUTES,
    run: (ctx) => {
      ctx.worker.modules.set(STATE, {});
      return 1;
    },
  }),
];

/** A q value in thousandths as Kamailio prints it: 1000 is "1", 500 "0.5". */
export function formatQ(q: number): string {
  if (q >= 1000) return '1';
  return `0.${String(q).padStart(3, '0').replace(/0+$/, '')}`.replace(/\.$/, '');
}

/** The destination set as $bR prints it: `uri`, or `<uri>;q=0.5` when a q is set, joined by `, `. */
export function formatBranches(ctx: ExecContext): Value {
  if (ctx.branches.length === 0) return null;
  return ctx.branches.map((b) => (b.q >= 0 ? `<${b.uri}>;q=${formatQ(b.q)}` : b.uri)).join(', ');
}
