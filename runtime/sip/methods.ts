// The request methods Kamailio knows by name (its METHOD_* values), each
// held as one shared string. A method read from a message (Request-Line,
// CSeq) is given as that string, not a new copy: comparing it with a method
// a script or a module names is then a comparison of references, where two
// copies of the same chars are compared char by char. Methods are
// case-sensitive (RFC 3261 7.1): only the exact upper-case name is shared.

const KNOWN = ['INVITE', 'CANCEL', 'ACK', 'BYE', 'INFO', 'REGISTER', 'SUBSCRIBE', 'NOTIFY', 'MESSAGE', 'OPTIONS', 'PRACK', 'UPDATE', 'REFER', 'PUBLISH', 'KDMQ', 'GET', 'POST', 'PUT', 'DELETE'] as const;

/** The known methods by length. */
const BY_LENGTH: string[][] = [];
for (const name of KNOWN) (BY_LENGTH[name.length] ??= []).push(name);

function sameAt(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** The method in text[start, end): the shared string of a known method, else a copy of the chars. */
export function methodAt(text: string, start: number, end: number): string {
  const candidates = BY_LENGTH[end - start];
  if (candidates !== undefined) for (const name of candidates) if (sameAt(text, start, name)) return name;
  return text.slice(start, end);
}

/** A method name as the shared string when it is a known one. */
export function sharedMethod(name: string): string {
  return methodAt(name, 0, name.length);
}

/** Whether Kamailio knows the method by name (it has a METHOD_* value). */
export function isKnownMethod(name: string): boolean {
  return (BY_LENGTH[name.length] ?? []).includes(name);
}
