// textops: Kamailio's text operations on the SIP message (searching,
// replacing, substitution, header and body functions, reply additions, string
// tests, {re.subst}). Changes are lumps: reads see the message as received
// until msg_apply_changes. Checked against Kamailio 5.6.

import { defineModule } from '../api.js';
import { bodyCommands } from './body.js';
import { headerCommands } from './headers.js';
import { messageChecks } from './message-checks.js';
import { multipartCommands } from './multipart.js';
import { multipartBuildCommands } from './multipart-build.js';
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
    ...multipartBuildCommands,
    ...replyCommands,
    ...messageChecks,
    ...stringCommands,
  ],
  transformations: [reTransformation],
});
