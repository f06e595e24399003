// Pseudo-variable classes and transformations of the dialect's modules that
// their READMEs do not list (most are documented in the pseudo-variables and
// transformations cookbooks instead), each under the module that provides it
// in Kamailio 5.6 (every name was tried with `kamailio -c`: names of later
// versions, such as $bru or {val.n}, are left out, as 5.6 refuses them).
// Names only: what a class means is implemented by the siprc module that
// provides it, when there is one.

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
      `ai adu aa ar au ad aU Au AU bf bF bs br bR ci cl cs ct cT dd di dip dir dic dp dP ds du
       fd fn fs fsn ft fu fU fUl mb mbu mf mF mi ml mt od op oP ou oU oUl pd pn pp pr proto pu pU
       rb rc retcode rd re rm rmid rp rP rr rs rt ru rU rUl rv rz Ri Rp Rn Ru Rut RAi RAp RAu RAut
       sas sf sF sid si sp su sut td tn tt tu tU tUl Tb Tf TF Ts TS ua ruid conid`,
    ),
    ...classes(
      'required',
      `avp hdr hdrc hfl hflc var vz vn xavp xavu xavi time utime timef shv snd sndto sndfrom
       rcv nh sbranch expires msg ksr K via0 via1 viaZ sel branch TV _s cnt`,
    ),
  ],
  sl: classes('required', 'ltt'),
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
  dispatcher: classes('required', 'dsv'),
  sdpops: classes('required', 'sdp'),
  websocket: classes('none', 'ws_conid'),
  rtpengine: classes('none', 'rtpestat'),
  rtpproxy: classes('none', 'rtpstat'),
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
        stripto prefixes prefixes.quoted replace ftime trim rtrim ltrim rm rmws corehash unquote unbracket
        count after before rafter rbefore fmtlines fmtlinet urlencode.param urldecode.param numeric
        encode.base58 decode.base58 encode.base64 decode.base64 encode.base64t decode.base64t encode.base64url
        decode.base64url encode.base64urlt decode.base64urlt`.split(/\s+/),
    uri: 'user host passwd port params param headers transport ttl uparam maddr method lr r2 scheme tosocket duri saor suri'.split(' '),
    param: 'value valueat name count'.split(' '),
    nameaddr: 'name uri len'.split(' '),
    tobody: 'uri display tag user host params'.split(' '),
    line: 'count at sw'.split(' '),
    urialias: ['encode', 'decode'],
  },
  textops: { re: ['subst'] },
  sqlops: { sql: ['val', 'val.int', 'val.str'] },
  json: { json: ['parse'] },
};
