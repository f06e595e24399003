// The transformation classes of the pv module: s, uri, param, nameaddr,
// tobody, line, urialias.

import type { TransformationDecl } from '../../api.js';
import { lineTransformations } from './line.js';
import { nameaddrTransformations } from './nameaddr.js';
import { paramTransformations } from './param.js';
import { stringTransformations } from './s.js';
import { tobodyTransformations } from './tobody.js';
import { uriTransformations } from './uri.js';
import { urialiasTransformations } from './urialias.js';

/** The classes of the pv module. */
export const pvTransformations: readonly TransformationDecl[] = [
  stringTransformations,
  uriTransformations,
  paramTransformations,
  nameaddrTransformations,
  tobodyTransformations,
  lineTransformations,
  urialiasTransformations,
];
