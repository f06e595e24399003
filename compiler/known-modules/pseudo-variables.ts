// Pseudo-variable classes and transformations of the dialect's modules that
// their READMEs do not list (most are documented in the pseudo-variables and
// transformations cookbooks instead). Names only: what a class means is
// implemented by the siprc module that provides it, when there is one.

export interface KnownPvClass {
  readonly name: string;
  /** Whether the `(name)` part is required, optional or not allowed; `unknown` when not recorded. */
  readonly inner: 'required' | 'optional' | 'none' | 'unknown';
}

function classes(inner: KnownPvClass['inner'], names: string): KnownPvClass[] {
  return names.split(/\s+/).filter(Boolean).map((name) => ({ name, inner }));
}

/** Pseudo-variable classes by module. */
export const KNOWN_PV_CLASSES: Readonly<Record<string, readonly KnownPvClass[]>> = {
  pv: [
    ...classes(
      'none',
      `ai adu aa ar au ad aU Au AU bf bF bs br bR bru bRU ci cl cs ct cT dd di dip dir dic dp dP ds du
       fd fn fs fsn ft fti fu fU fUl mb mbu mf mF mi ml mt mx od op oP ou oU oUl pd pn pp pr proto pu pU
       rb rc retcode rd re rm rmid rp rP rr rs rt ru rU rUl rv rz Ri Rp Rn Ru Rut RAi RAp RAu RAut
       sas sf sF sid si sp sP su sut td tn tt tti tu tU tUl Tb Tf TF Tfn Ts Tsm TS ua ruid conid`,
    ),
    ...classes(
      'required',
      `avp hdr hdrc hfl hflc var vz vn xavp xavu xavi time utime timef shv snd sndto sndfrom
       rcv nh sbranch expires msg ksr K via0 via1 viaZ sel branch TV _s ltt pos vf cnt`,
    ),
  ],
  tmx: [...classes('none', 'T_branch_idx T_reply_code T_reply_reason T_reply_last T_reply_ruid'), ...classes('required', 'T T_req T_rpl T_inv T_branch')],
  htable: classes('required', 'sht shtex shtcn shtcv shtinc shtdec shtitkey shtitval shtrecord'),
  corex: classes('required', 'cfg'),
  xlog: classes('required', 'C'),
  dialog: classes('required', 'dlg dlg_ctx dlg_var'),
  registrar: classes('required', 'ulc'),
  rr: classes('none', 'route_uri'),
  nathelper: classes('none', 'rr_count rr_top_count'),
  uac: classes('required', 'uac_req'),
  xhttp: classes('none', 'hu'),
  sqlops: classes('required', 'dbr sqlrows'),
  auth: classes('none', 'au ad ar'),
  siputils: classes('required', 'pcv'),
  cfgutils: classes('none', 'RANDOM'),
  http_client: classes('required', 'curlerror'),
  jsonrpcs: classes('required', 'jsonrpl'),
  ndb_redis: classes('required', 'redis redisd'),
  msrp: classes('required', 'msrp'),
  dispatcher: classes('none', 'dsv'),
  topos: classes('required', 'topos'),
  dmq: classes('none', 'dmq'),
  sdpops: classes('required', 'sdp'),
  websocket: classes('none', 'ws_conid'),
  rtpengine: classes('required', 'rtpestat'),
  rtpproxy: classes('none', 'rtpstat'),
  pike: classes('none', 'pike'),
  evapi: classes('required', 'evapi'),
  sipt: classes('required', 'sipt'),
  tls: classes('required', 'tls'),
  presence: classes('required', 'subs notify_reply'),
};

/** Pseudo-variables that cannot be assigned (Kamailio reports them read-only). */
export const READ_ONLY_PVS = new Set(['si', 'sp', 'rm', 'ci', 'cs', 'ua', 'ct', 'cl', 'ml', 'mb', 'Ri', 'Rp', 'pr', 'proto', 'ft', 'tt', 'rs', 'rr', 'Ts', 'TS', 'Tf', 'retcode', 'rc', '?', 'null']);

/** Transformation classes by module, with their methods (empty: methods not recorded). */
export const KNOWN_TRANSFORMATIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  pv: {
    s: `len int md5 sha256 sha384 sha512 substr select encode.7bit decode.7bit encode.hexa decode.hexa escape.common
        unescape.common escape.user unescape.user escape.param unescape.param escape.csv tolower toupper strip striptail
        stripto prefixes prefixes.quoted replace ftime trim rtrim ltrim rm rmhdws rmhlws rmws corehash unquote unbracket
        count after before rafter rbefore fmtlines fmtlinet urlencode.param urldecode.param numeric tobytes
        encode.base58 decode.base58 encode.base64 decode.base64 encode.base64t decode.base64t encode.base64url
        decode.base64url encode.base64urlt decode.base64urlt encode.xor decode.xor crc32 rmhws`.split(/\s+/),
    uri: 'user host passwd port params param headers transport ttl uparam maddr method lr r2 scheme tosocket duri saor suri'.split(' '),
    param: 'value valueat name count'.split(' '),
    nameaddr: 'name uri len'.split(' '),
    tobody: 'uri display tag user host params'.split(' '),
    line: 'count at sw'.split(' '),
    msrp: 'user host port transport session proto uri'.split(' '),
    val: ['n', 'json', 'ne'],
    urialias: ['encode', 'decode'],
  },
  textops: { re: ['subst'] },
  sqlops: { sql: ['val', 'val.int', 'val.str'] },
  jansson: { json: ['parse', 'encode'] },
  xhttp: { http: [] },
};
