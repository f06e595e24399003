// The AVP a module parameter names, as Kamailio's modules write it:
// `$avp(name)`, `$avp(s:name)` (or `i:` for the old integer names).

const AVP_SPEC = /^\$avp\((?:[si]:)?([^()[\]]+)\)$/;

/** The AVP's name (`$avp(s:rpid)` -> `rpid`); undefined when the text is not an AVP. */
export function avpParamName(text: string): string | undefined {
  return AVP_SPEC.exec(text.trim())?.[1];
}
