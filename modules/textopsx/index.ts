// textopsx: msg_apply_changes and msg_set_buffer, reply status changes,
// remove_body, keep_hf, fnmatch, header value edits and header/body line
// iterators. Not provided: the @hf_value selects (siprc has no selects).
// Checked against Kamailio 5.6.

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
