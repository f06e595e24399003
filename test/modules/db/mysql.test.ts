// The MySQL/MariaDB backend (modules/db/mysql.ts) on a real MariaDB started
// by the test (port 23306).

import { mysqlBackend } from '../../../modules/db/mysql.js';
import { testBackend } from './operations.js';

testBackend('mariadb', 23306, () => mysqlBackend(), 'db_mysql');
