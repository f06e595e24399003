// The header designator of textopsx's *_hf_value functions, parsed at fixup:
// NAME[IDX].PARAM (IDX from 1, negative from the last, or *), with the parts
// each function accepts checked as Kamailio 5.6 checks them at start-up.

import { FixupError } from '../api.js';
import { headerKey } from '../../runtime/sip/header-names.js';

export interface HeaderSpec {
  /** The name as written (new header lines use it). */
  readonly name: string;
  readonly key: string;
  /** undefined: none given. */
  readonly index: number | '*' | undefined;
  readonly param: string | undefined;
}

const NAME = /^\s*([A-Za-z0-9_-]+)\s*(?:\[\s*(\*|[+-]?\d+)\s*\])?\s*(?:\.\s*([A-Za-z0-9_-]+))?$/;

export function parseHeaderSpec(text: string): HeaderSpec {
  const m = NAME.exec(text);
  if (!m) throw new FixupError(`cannot read "${text}" as NAME, NAME[INDEX] or NAME[INDEX].PARAM`);
  const index = m[2] === undefined ? undefined : m[2] === '*' ? '*' : Number(m[2]);
  return { name: m[1]!, key: headerKey(m[1]!), index, param: m[3] };
}

/** What a function accepts besides the name. */
export interface SpecRules {
  /** An index (and then `*` too when `star` says so). */
  readonly index: boolean;
  readonly param: boolean;
  /** `*` allowed: always, never, or only with a parameter. */
  readonly star: 'yes' | 'no' | 'with-param';
}

/** A fixup for a designator following the rules. */
export function headerSpec(rules: SpecRules): (text: string) => HeaderSpec {
  return (text) => {
    const spec = parseHeaderSpec(text);
    if ((!rules.index && spec.index !== undefined) || (!rules.param && spec.param !== undefined)) {
      throw new FixupError(!rules.index && !rules.param ? 'neither an index nor a parameter may be given' : 'a parameter may not be given');
    }
    if (spec.index === '*' && (rules.star === 'no' || (rules.star === 'with-param' && spec.param === undefined))) {
      throw new FixupError(rules.star === 'no' ? '[*] may not be given' : '[*] needs a parameter');
    }
    return spec;
  };
}
