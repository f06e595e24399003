// textopsx: Kamailio's textops extensions: applying the changes so far to
// the message (msg_apply_changes) or replacing it, changing a reply's
// status, removing the body, keep_hf, fnmatch, edits of header values and
// parameters, and iterators over header lines and body lines with their
// pseudo-variables. The @hf_value selects are not provided (siprc has no
// select framework). Each file's functions were checked against Kamailio 5.6.

import { defineModule } from '../api.js';
import { fnmatchCommands } from './fnmatch.js';
import { hfValueCommands } from './hf-value-commands.js';
import { iteratorCommands, iteratorVariables } from './iterators.js';
import { keepHfCommands } from './keep-hf.js';
import { messageCommands } from './message.js';

export const textopsx = defineModule({
  name: 'textopsx',
  commands: [...messageCommands, ...keepHfCommands, ...fnmatchCommands, ...hfValueCommands, ...iteratorCommands],
  pseudoVariables: iteratorVariables,
});
