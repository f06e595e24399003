// JSON-RPC 2.0 documents as jsonrpcs answers them: a request object (or a
// batch of them) is dispatched by method name and answered with `result` or
// `error` {code, message} and the request's id. Fault codes are the
// methods' (Kamailio's: 500 "Method Not Found", 400 for bad parameters);
// what is not a request at all gets the specification's -32700 (not JSON)
// or -32600 (no method), where Kamailio 5.6 answers nothing or an empty
// result. A request without an id is answered without one, as Kamailio does.

import type { RpcAccess } from '../api.js';

type Json = unknown;

export interface JsonRpcError {
  readonly code: number;
  readonly message: string;
}

const PARSE_ERROR: JsonRpcError = { code: -32700, message: 'Parse error' };
const INVALID_REQUEST: JsonRpcError = { code: -32600, message: 'Invalid Request' };

/** The fault of whatever a method threw: its numeric code, else 500. */
function faultOf(e: unknown): JsonRpcError {
  const code = (e as { code?: unknown } | null)?.code;
  return { code: typeof code === 'number' && Number.isInteger(code) ? code : 500, message: e instanceof Error ? e.message : String(e) };
}

function response(id: Json, body: { result: Json } | { error: JsonRpcError }): Record<string, Json> {
  return id === undefined ? { jsonrpc: '2.0', ...body } : { jsonrpc: '2.0', ...body, id };
}

/** Answers one request object. */
async function answerOne(request: Json, rpc: RpcAccess): Promise<Record<string, Json>> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return response(null, { error: INVALID_REQUEST });
  const r = request as Record<string, Json>;
  const id = r.id;
  if (typeof r.method !== 'string') return response(id ?? null, { error: INVALID_REQUEST });
  const params = r.params ?? [];
  if (typeof params !== 'object' || params === null) return response(id, { error: { code: 400, message: 'params must be an array or an object' } });
  try {
    return response(id, { result: (await rpc.call(r.method, params as readonly Json[])) ?? {} });
  } catch (e) {
    return response(id, { error: faultOf(e) });
  }
}

/** The document (an object or a batch array) answered; `pretty` indents it with tabs. */
export async function answerDocument(doc: Json, rpc: RpcAccess, pretty: boolean): Promise<string> {
  const answer = Array.isArray(doc)
    ? doc.length === 0
      ? response(null, { error: INVALID_REQUEST })
      : await Promise.all(doc.map((d) => answerOne(d, rpc)))
    : await answerOne(doc, rpc);
  return JSON.stringify(answer, null, pretty ? '\t' : undefined);
}

/** A text received answered: parsed (a parse error answered as such), then dispatched. */
export async function answerText(text: string, rpc: RpcAccess, pretty: boolean): Promise<string> {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch {
    return JSON.stringify(response(null, { error: PARSE_ERROR }), null, pretty ? '\t' : undefined);
  }
  return answerDocument(doc, rpc, pretty);
}

/**
 * Splits a byte stream (the FIFO) into JSON documents: each complete
 * top-level object or array, whitespace between them skipped. Returns the
 * documents found and the text left over (an incomplete one). Text that
 * cannot start a document is returned as a document of its own, to be
 * answered as a parse error, up to the next newline.
 */
export function splitDocuments(text: string): { docs: string[]; rest: string } {
  const docs: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] !== '{' && text[i] !== '[') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return { docs, rest: text.slice(i) };
      docs.push(text.slice(i, nl));
      i = nl + 1;
      continue;
    }
    const end = documentEnd(text, i);
    if (end < 0) return { docs, rest: text.slice(i) };
    docs.push(text.slice(i, end));
    i = end;
  }
  return { docs, rest: '' };
}

/** Where the object or array starting at `start` ends (just past it), or -1 when it is not complete yet. */
function documentEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return -1;
}
