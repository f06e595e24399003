import { formatPvs, parsePv } from '../../grammar/pv.js';
import { locateIn } from '../../grammar/source.js';
import { locateInLiteral } from '../../grammar/string-literal.js';

const at = { file: 0, start: 100, end: 100 };

function parse(text: string) {
  const r = parsePv(text, locateIn({ ...at, end: at.start + text.length }));
  if ('error' in r) return { error: r.error, part: r.part, col: r.span.start - at.start };
  return {
    cls: r.className,
    inner: r.inner?.text,
    index: r.index?.text,
    tr: r.transformations.map((t) => `${t.className}.${t.method}${t.params.length ? `(${t.params.map((p) => p.text).join('|')})` : ''}`),
  };
}

describe('pseudo-variable syntax', () => {
  it.each([
    ['$ru', { cls: 'ru', inner: undefined, index: undefined, tr: [] }],
    ['$hdr(From)', { cls: 'hdr', inner: 'From', index: undefined, tr: [] }],
    ['$(hdr(Via)[1])', { cls: 'hdr', inner: 'Via', index: '1', tr: [] }],
    ['$(avp(x)[*])', { cls: 'avp', inner: 'x', index: '*', tr: [] }],
    ['$(avp(x)[-1])', { cls: 'avp', inner: 'x', index: '-1', tr: [] }],
    ['$(xavp(a=>b)[$var(i)])', { cls: 'xavp', inner: 'a=>b', index: '$var(i)', tr: [] }],
    ['$(ru{uri.user}{s.len})', { cls: 'ru', inner: undefined, index: undefined, tr: ['uri.user', 's.len'] }],
    ['$(var(x){s.substr,1,2})', { cls: 'var', inner: 'x', index: undefined, tr: ['s.substr(1|2)'] }],
    ['$(hdr(X){s.encode.hexa})', { cls: 'hdr', inner: 'X', index: undefined, tr: ['s.encode.hexa'] }],
    ['$(var(x){s.select,0,$var(sep)})', { cls: 'var', inner: 'x', index: undefined, tr: ['s.select(0|$var(sep))'] }],
    ['$sht(t=>$(var(k){s.tolower}))', { cls: 'sht', inner: 't=>$(var(k){s.tolower})', index: undefined, tr: [] }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['$(ru', 'pv', 1],
    ['$(var(x)[a])', 'pv', 9],
    ['$(ru{uri})', 'transformation', 5],
    ['$(ru{uri.user)', 'transformation', 13],
    ['$var(x)[1]', 'pv', 7],
    ['$(1x)', 'pv', 2],
  ])('rejects %s', (text, part, col) => {
    expect(parse(text)).toMatchObject({ part, col });
  });

  it('finds pseudo-variables in a format string, with exact positions', () => {
    const literal = '"{$mt $hdr(CSeq) $$ $ci} "';
    const value = literal.slice(1, -1);
    const found = formatPvs(value, locateInLiteral(value, { file: 0, start: 10, end: 10 + literal.length }, literal));
    expect(found.map((f) => ('error' in f ? f.error : `${f.text}@${f.span.start}`))).toEqual(['$mt@12', '$hdr(CSeq)@16', '$ci@30']);
  });

  it('reports a dangling $ in a format string', () => {
    const found = formatPvs('cost: $ 5', locateInLiteral('cost: $ 5', { file: 0, start: 0, end: 11 }, '"cost: $ 5"'));
    expect(found.map((f) => ('error' in f ? f.span.start : 'ok'))).toEqual([7]);
  });
});
