// Media types as Kamailio compares them (has_body): a type code and a subtype
// code, names Kamailio does not know sharing one "unknown" code, so that
// application/x-foo matches application/x-bar (checked on Kamailio 5.6).

const TYPES = ['text', 'message', 'application', 'multipart'];
const SUBTYPES = [
  'plain', 'cpim', 'sdp', 'cpl+xml', 'pidf+xml', 'rlmi+xml', 'related', 'lpidf+xml', 'xpidf+xml',
  'watcherinfo+xml', 'external-body', 'xml+msrtc.pidf', 'cpim-pidf+xml', 'mixed', 'isup',
];

function code(names: readonly string[], name: string): string {
  if (name === '*') return '*';
  return names.includes(name) ? name : '?';
}

/** The codes of `type/subtype` (parameters ignored), or undefined when it is not of that form. */
export function mimeCode(text: string): string | undefined {
  const m = /^\s*([^\s/;]+)\s*\/\s*([^\s;]+)/.exec(text);
  if (!m) return undefined;
  return `${code(TYPES, m[1]!.toLowerCase())}/${code(SUBTYPES, m[2]!.toLowerCase())}`;
}
