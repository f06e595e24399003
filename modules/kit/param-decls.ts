// Shorthands for module parameter declarations with their defaults (and, for
// integers, their range), for modules with long parameter lists.

import type { ParamDecl } from '../api.js';

export const intParam = (name: string, value: number, min?: number, max?: number): ParamDecl => ({
  name,
  type: 'int',
  default: value,
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});

export const strParam = (name: string, value: string): ParamDecl => ({ name, type: 'str', default: value });
