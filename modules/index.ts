// The modules siprc provides. A module is listed here once its commands run;
// until then a script that loads it is told the module is not available yet.

import type { ModuleDecl } from './api.js';
import { acc } from './acc/index.js';
import { auth } from './auth/index.js';
import { authDb } from './auth_db/index.js';
import { cfgRpc } from './cfg_rpc/index.js';
import { corex } from './corex/index.js';
import { ctl } from './ctl/index.js';
import { counters } from './counters/index.js';
import { dbMysql } from './db_mysql/index.js';
import { dbPostgres } from './db_postgres/index.js';
import { dbRedis } from './db_redis/index.js';
import { dbSqlite } from './db_sqlite/index.js';
import { debuggerModule } from './debugger/index.js';
import { kex } from './kex/index.js';
import { jsonrpcs } from './jsonrpcs/index.js';
import { maxfwd } from './maxfwd/index.js';
import { pv } from './pv/index.js';
import { registrar } from './registrar/index.js';
import { rr } from './rr/index.js';
import { sanity } from './sanity/index.js';
import { siputils } from './siputils/index.js';
import { sl } from './sl/index.js';
import { tm } from './tm/index.js';
import { tmx } from './tmx/index.js';
import { usrloc } from './usrloc/index.js';
import { textops } from './textops/index.js';
import { textopsx } from './textopsx/index.js';
import { xlog } from './xlog/index.js';

export const builtinModules: readonly ModuleDecl[] = [maxfwd, pv, xlog, sl, corex, kex, textops, textopsx, siputils, sanity, rr, tm, tmx, auth, authDb, dbSqlite, dbMysql, dbPostgres, dbRedis, usrloc, registrar, counters, ctl, cfgRpc, acc, jsonrpcs, debuggerModule];
