// The core functions of the native dialect: the statements Kamailio's grammar
// knows by name (forward, setflag, strip, force_rport, ...), with the argument
// lists each accepts. Module commands are declared by modules instead.

/** What one argument of a core function must be. */
export type CoreArg =
  /** A string constant. */
  | 'string'
  /** A non-negative number constant. */
  | 'number'
  /** A number constant that may be negative. */
  | 'intno'
  /** A flag: a number from 0 to 31 or a name declared with `flags`. */
  | 'flag'
  /** An AVP flag name declared with `avpflags`. */
  | 'avpflag'
  /** An AVP named by a string (`"name"`, `"s:name"`, `"i:12"`); Kamailio 5.6 does not take `$avp(...)` here. */
  | 'avp'
  /** A configuration group's name, as a string. */
  | 'cfggroup'
  /** A destination host: a string, a host name, an IP address, or `uri:host`. */
  | 'host'
  /** A destination port: a number or `uri:port`. */
  | 'port'
  /** udp, tcp, tls or sctp. */
  | 'proto'
  /** An address to advertise: an IP address, a host name or a string. */
  | 'address'
  /** A local socket: `[proto:]host[:port]`. */
  | 'socket'
  /** A route name, or an expression naming one at run time. */
  | 'route'
  /** Any expression. */
  | 'expr';

export interface CoreFunction {
  readonly name: string;
  /** The argument lists it accepts. */
  readonly forms: readonly (readonly CoreArg[])[];
  /** May be written without parentheses (`force_rport;`). */
  readonly bare?: boolean;
  /** Allowed in onsend_route (Kamailio allows only a few core functions there). */
  readonly onsend?: boolean;
}

const STRING_SETTER: readonly (readonly CoreArg[])[] = [['string']];
const NO_ARGS: readonly (readonly CoreArg[])[] = [[]];
const FORWARD_FORMS: readonly (readonly CoreArg[])[] = [['host'], ['host', 'port']];

function entries(names: string, fn: Omit<CoreFunction, 'name'>): CoreFunction[] {
  return names.split(' ').map((name) => ({ name, ...fn }));
}

export const CORE_FUNCTIONS: ReadonlyMap<string, CoreFunction> = new Map(
  [
    ...entries('forward', { forms: [[], ...FORWARD_FORMS] }),
    ...entries('forward_udp forward_tcp forward_tls forward_sctp', { forms: FORWARD_FORMS }),
    ...entries('log', { forms: [['string'], ['number', 'string']], onsend: true }),
    ...entries('error', { forms: [['string', 'string']] }),
    ...entries('exec', { forms: STRING_SETTER }),
    ...entries('setflag resetflag isflagset', { forms: [['flag']], onsend: true }),
    ...entries('setavpflag resetavpflag isavpflagset', { forms: [['avp', 'avpflag']] }),
    ...entries('route', { forms: [['route']] }),
    ...entries(
      'rewritehost sethost seth rewritehostport sethostport sethp rewritehostporttrans sethostporttrans sethpt ' +
        'rewriteuser setuser setu rewriteuserpass setuserpass setup rewriteport setport setp rewriteuri seturi prefix',
      { forms: STRING_SETTER },
    ),
    ...entries('strip strip_tail', { forms: [['number']] }),
    ...entries('userphone clear_branches', { forms: NO_ARGS }),
    ...entries('remove_branch', { forms: [[], ['intno']] }),
    ...entries('revert_uri force_rport add_rport add_local_rport', { forms: NO_ARGS, bare: true }),
    ...entries('set_forward_no_connect set_reply_no_connect set_forward_close set_reply_close', { forms: NO_ARGS, bare: true, onsend: true }),
    ...entries('force_tcp_alias add_tcp_alias', { forms: [[], ['number']], bare: true }),
    ...entries('udp_mtu_try_proto', { forms: [['proto']] }),
    ...entries('set_advertised_address', { forms: [['address']] }),
    ...entries('set_advertised_port', { forms: [['number']] }),
    ...entries('force_send_socket', { forms: [['socket']] }),
    ...entries('cfg_select', { forms: [['cfggroup', 'expr']] }),
    ...entries('cfg_reset', { forms: [['cfggroup']] }),
  ].map((f) => [f.name, f] as const),
);

/** Words that are operands of conditions (`method == "INVITE"`, `uri == myself`). */
export type KeywordOperand = 'method' | 'uri' | 'int' | 'ip' | 'proto' | 'myself';

export const KEYWORD_OPERANDS: ReadonlyMap<string, KeywordOperand> = new Map([
  ['method', 'method'],
  ['uri', 'uri'],
  ['status', 'uri'],
  ['from_uri', 'uri'],
  ['to_uri', 'uri'],
  ['src_port', 'int'],
  ['dst_port', 'int'],
  ['af', 'int'],
  ['msg:len', 'int'],
  ['snd_port', 'int'],
  ['to_port', 'int'],
  ['snd_af', 'int'],
  ['to_af', 'int'],
  ['src_ip', 'ip'],
  ['dst_ip', 'ip'],
  ['snd_ip', 'ip'],
  ['to_ip', 'ip'],
  ['proto', 'proto'],
  ['snd_proto', 'proto'],
  ['to_proto', 'proto'],
  ['myself', 'myself'],
]);

/** Keyword operands only meaningful where a message is being sent. */
export const ONSEND_ONLY_OPERANDS = new Set(['snd_ip', 'to_ip']);
