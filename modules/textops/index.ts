// textops: text operations on the SIP message (Kamailio's textops module):
// searching, replacing and sed-like substitution with regular expressions,
// header tests, additions and removals, body functions, additions to the
// reply the script sends, string tests, and the {re.subst} transformation.
// Changes are lumps on the received message: reads see the message as
// received until msg_apply_changes (textopsx). Each file's functions were
// checked against Kamailio 5.6.

import { defineModule } from '../api.js';
import { bodyCommands } from './body.js';
import { headerCommands } from './headers.js';
import { messageChecks } from './message-checks.js';
import { multipartCommands } from './multipart.js';
import { removeCommands } from './remove.js';
import { replaceCommands } from './replace.js';
import { replyCommands } from './reply.js';
import { searchCommands } from './search.js';
import { stringCommands } from './strings.js';
import { substCommands } from './subst-commands.js';
import { reTransformation } from './transformation.js';

export const textops = defineModule({
  name: 'textops',
  commands: [
    ...searchCommands,
    ...replaceCommands,
    ...substCommands,
    ...headerCommands,
    ...removeCommands,
    ...bodyCommands,
    ...multipartCommands,
    ...replyCommands,
    ...messageChecks,
    ...stringCommands,
  ],
  transformations: [reTransformation],
});
