// The route table: every route block by kind and name, duplicates reported;
// then, once calls are resolved, the route types each block is reached from,
// the commands used where they may not run, and the routes nothing uses.

import type { RouteBlock, Script } from '../../grammar/ast.js';
import { ROUTE_TYPE_NAMES, type RouteType } from '../../runtime/route-type.js';
import type { CheckContext } from './context.js';
import { checkRouteName } from './route-names.js';

export function routeLabel(block: RouteBlock): string {
  return block.name === undefined ? block.keyword : `${block.keyword}[${block.name}]`;
}

export class RouteTable {
  /** The blocks of each route, in the order written: one, or the unnamed blocks of a kind joined. */
  private readonly byKey = new Map<string, RouteBlock[]>();
  /** Blocks that repeat an earlier block's kind and name. */
  readonly duplicates = new Set<RouteBlock>();

  constructor(readonly blocks: readonly RouteBlock[]) {}

  static key(kind: RouteType, name: string | undefined): string {
    return `${kind}\u0000${name ?? ''}`;
  }

  /**
   * The route a block is part of, as Kamailio identifies it: a block named
   * `0` is the unnamed block of its kind (`route[0]` is the request route),
   * and Kamailio folds `onreply_route` into the core reply route.
   */
  static normalize(block: RouteBlock): { kind: RouteType; name: string | undefined } {
    return RouteTable.identify(block.route, block.name);
  }

  private static identify(kind: RouteType, name: string | undefined): { kind: RouteType; name: string | undefined } {
    const unnamed = name === undefined || name === '0';
    return { kind: kind === 'onreply' && unnamed ? 'reply' : kind, name: unnamed ? undefined : name };
  }

  /**
   * Records a block; returns the earlier block it duplicates, if any. An
   * unnamed block joins the blocks of its kind before it (Kamailio runs them
   * one after the other, in the order written: `request_route` then
   * `route`), as does `onreply_route[0]`; a block written with a name,
   * `route[0]` too, may not come after another block of its route.
   */
  add(block: RouteBlock): RouteBlock | undefined {
    const { kind, name } = RouteTable.normalize(block);
    const key = RouteTable.key(kind, name);
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, [block]);
      return undefined;
    }
    const joins = block.name === undefined || (block.route === 'onreply' && name === undefined);
    if (joins) {
      existing.push(block);
      return undefined;
    }
    this.duplicates.add(block);
    return existing[0];
  }

  /** The first block of a route (`name` as a call names it: `0` is the unnamed one). */
  get(kind: RouteType, name: string | undefined): RouteBlock | undefined {
    const id = RouteTable.identify(kind, name);
    return this.byKey.get(RouteTable.key(id.kind, id.name))?.[0];
  }

  /** Every route, its blocks in the order they run. */
  routes(): Array<{ kind: RouteType; name: string | undefined; blocks: readonly RouteBlock[] }> {
    return [...this.byKey.values()].map((blocks) => ({ ...RouteTable.normalize(blocks[0]!), blocks }));
  }

  names(kind: RouteType): string[] {
    return this.blocks.filter((b) => b.route === kind && b.name !== undefined).map((b) => b.name!);
  }

  /** Every named block of any kind with this name. */
  named(name: string): RouteBlock[] {
    return this.blocks.filter((b) => b.name === name);
  }

  describe(kind: RouteType, name: string): string {
    return `${ROUTE_TYPE_NAMES[kind]}[${name}]`;
  }
}

export function buildRouteTable(script: Script, ctx: CheckContext): RouteTable {
  const blocks = script.items.filter((i): i is RouteBlock => i.kind === 'route');
  const table = new RouteTable(blocks);
  for (const block of blocks) {
    const named = checkRouteName(block, ctx);
    const first = table.add(block);
    if (first && named) {
      ctx.report('E0605', block.span, `${routeLabel(block)} is defined twice`, [
        { message: 'first defined here', span: first.nameSpan ?? first.span },
      ]);
    }
  }
  return table;
}

/** For every block, the route types it runs in, with one block of each type that reaches it. */
export function reachability(table: RouteTable, ctx: CheckContext): Map<RouteBlock, Map<RouteType, RouteBlock>> {
  const reached = new Map<RouteBlock, Map<RouteType, RouteBlock>>();
  const visit = (block: RouteBlock, type: RouteType, root: RouteBlock): void => {
    const types = reached.get(block) ?? new Map<RouteType, RouteBlock>();
    if (types.has(type)) return;
    types.set(type, root);
    reached.set(block, types);
    for (const callee of ctx.routeCalls.get(block) ?? []) visit(callee, type, root);
  };
  for (const block of table.blocks) {
    if (isRoot(block)) visit(block, RouteTable.normalize(block).kind, block);
  }
  return reached;
}

/** Named `route[X]` blocks only run when called; every other block (`route[0]` too) is an entry point. */
function isRoot(block: RouteBlock): boolean {
  return !(block.keyword === 'route' && RouteTable.normalize(block).name !== undefined);
}

/** Reports uses in route types that do not allow them, and routes nothing uses. */
export function checkRouteUse(table: RouteTable, ctx: CheckContext): Map<RouteBlock, readonly RouteType[]> {
  const reached = reachability(table, ctx);
  const typesByBlock = new Map<RouteBlock, readonly RouteType[]>();
  for (const block of table.blocks) {
    const types = reached.get(block);
    // A route nothing calls is checked as a request route, as Kamailio checks it.
    const effective = types ?? new Map<RouteType, RouteBlock>([['request', block]]);
    typesByBlock.set(block, [...effective.keys()]);
    for (const use of ctx.restricted.get(block) ?? []) {
      const bad = [...effective].filter(([type]) => !use.allowed.includes(type));
      if (bad.length === 0) continue;
      const where = bad.map(([type, root]) => (root === block ? ROUTE_TYPE_NAMES[type] : `${ROUTE_TYPE_NAMES[type]} (${routeLabel(block)} is called from ${routeLabel(root)})`));
      const allowed = use.allowed.map((t) => ROUTE_TYPE_NAMES[t]).join(', ');
      // Kamailio checks a command's route types only where it is written, so it
      // accepts a use reached through route() calls (and runs it): a warning then.
      if (bad.some(([, root]) => root === block)) ctx.report('E0603', use.span, `${use.what} cannot be used in ${where.join(' or ')}; it is allowed in ${allowed}`);
      else ctx.report('W0206', use.span, `${use.what} is reached from ${where.join(' or ')}, where it is not meant to run (it is allowed in ${allowed}); Kamailio accepts this and runs it`);
    }
    if (table.duplicates.has(block)) continue;
    if (reportNeverArmed(block, ctx)) continue;
    if (!types && !ctx.dynamicRouteCall) {
      ctx.report('W0202', block.nameSpan ?? block.span, `${routeLabel(block)} is never called`);
    } else if (isArmed(block) && !ctx.referenced.has(block)) {
      ctx.report('W0202', block.nameSpan ?? block.span, `${routeLabel(block)} is never used: no command arms it`);
    }
  }
  return typesByBlock;
}

/** The kinds of route tm arms by name for a transaction, with the command that arms each. */
const ARMING_COMMANDS: ReadonlyMap<RouteType, string> = new Map([
  ['failure', 't_on_failure'],
  ['branch', 't_on_branch'],
  ['onreply', 't_on_reply'],
]);

/**
 * Reports an unnamed failure_route or branch_route (`[0]` too, which is the
 * unnamed one): its command arms a route by name, and Kamailio 5.6 takes
 * `t_on_failure("0")` as arming none, so nothing ever runs the block.
 */
function reportNeverArmed(block: RouteBlock, ctx: CheckContext): boolean {
  const { kind, name } = RouteTable.normalize(block);
  // An unnamed onreply_route is the core's reply route (normalize makes it `reply`), which runs without arming.
  const arming = ARMING_COMMANDS.get(kind);
  if (!arming || name !== undefined) return false;
  const what = block.name === undefined ? `\`${block.keyword}\` has no name` : `\`${routeLabel(block)}\` is the unnamed ${block.keyword}`;
  ctx.report('W0208', block.nameSpan ?? block.span, `${what}, so nothing runs it: \`${arming}()\` arms a ${block.keyword} by its name; name it, as in \`${block.keyword}[NAME]\`, and arm it with \`${arming}("NAME")\``);
  return true;
}

/** The kinds of route tm arms by name for a transaction (t_on_failure, t_on_branch, t_on_reply). */
export const ARMED_KINDS: ReadonlySet<RouteType> = new Set(ARMING_COMMANDS.keys());

/** Named failure, branch and onreply routes run only when a command arms them (t_on_failure, ...). */
function isArmed(block: RouteBlock): boolean {
  const { kind, name } = RouteTable.normalize(block);
  return name !== undefined && ARMED_KINDS.has(kind);
}
