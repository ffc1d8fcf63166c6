/**
 * Where compiled compromise nets are kept between runs (issue 14 item 6). Building a net parses every
 * match pattern with compromise's parseMatch (the classifier's cue and trigger nets, the per-role nets
 * and compromise's own post-tagger net: ~150 ms of a CLI analyze); the parsed net is plain data apart
 * from a few Sets and RegExps, so it is stored as tagged JSON and read back instead. The store itself
 * (src/rules/cache.ts netStore) keys entries by the build id; the adapter (compromise.ts) keys them by
 * compromise's version and the patterns. Anything wrong with an entry means: build the net as if there
 * were none. No store is set from src/ (tests, tsx), so nothing is cached there.
 * This module imports nothing heavy: the rules loader sets the store without loading compromise.
 */

/** A key → value store of encoded nets (values are what encodeNet returns). */
export interface NetStore {
  read(key: string): unknown;
  write(key: string, value: unknown): void;
}

let store: NetStore | undefined;

/** Use `s` for compiled nets from now on (undefined: build every net). */
export function setNetStore(s: NetStore | undefined): void {
  store = s;
}

/** The store in use, if any. */
export function netStore(): NetStore | undefined {
  return store;
}

/** A value the codec cannot carry unchanged (a function, a Map, a class instance...): the net is not stored. */
class Unsupported extends Error {}

const TAG = '\u0000t';

/** `value` as JSON data: Sets, RegExps and undefined fields tagged; throws Unsupported for anything else. */
export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Unsupported('number');
    return value;
  }
  if (value === undefined) return { [TAG]: 'u' };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Unsupported('sparse array');
      out.push(encodeValue(value[i]));
    }
    return out;
  }
  if (value instanceof Set) return { [TAG]: 'set', v: [...value].map(encodeValue) };
  if (value instanceof RegExp) {
    if (value.lastIndex !== 0) throw new Unsupported('regexp state');
    return { [TAG]: 're', s: value.source, f: value.flags };
  }
  if (typeof value !== 'object') throw new Unsupported(typeof value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new Unsupported('class instance');
  if (Object.getOwnPropertySymbols(value).some((s) => Object.prototype.propertyIsEnumerable.call(value, s))) throw new Unsupported('symbol key');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === TAG || key === '__proto__') throw new Unsupported('reserved key');
    out[key] = encodeValue((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** The inverse of encodeValue; throws on data encodeValue cannot have written. */
export function decodeValue(data: unknown): unknown {
  if (data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map(decodeValue);
  const rec = data as Record<string, unknown>;
  if (Object.hasOwn(rec, TAG)) {
    if (rec[TAG] === 'u') return undefined;
    if (rec[TAG] === 'set' && Array.isArray(rec.v)) return new Set(rec.v.map(decodeValue));
    if (rec[TAG] === 're' && typeof rec.s === 'string' && typeof rec.f === 'string') return new RegExp(rec.s, rec.f);
    throw new Error('bad tag');
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rec)) out[key] = decodeValue(rec[key]);
  return out;
}

/** A built net: hook key → its matches, and the matches tried everywhere. Matches are shared between hooks. */
export interface NetShape<M extends object> {
  hooks: Record<string, M[]>;
  always: M[];
}

/**
 * A net as data: its other fields, its distinct matches in `order` (net order), and the hooks and `always` as indices
 * into them, so that a match shared by several hooks is one object again when read back.
 */
export function encodeNet<M extends object>(net: NetShape<M>, order: (m: M) => number): unknown {
  const seen = new Set<M>();
  for (const k of Object.keys(net.hooks)) for (const m of net.hooks[k]!) seen.add(m);
  for (const m of net.always) seen.add(m);
  const matches = [...seen].sort((a, b) => order(a) - order(b));
  const id = new Map(matches.map((m, i) => [m, i] as const));
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(net)) if (k !== 'hooks' && k !== 'always') rest[k] = (net as unknown as Record<string, unknown>)[k];
  return {
    rest: encodeValue(rest),
    matches: matches.map(encodeValue),
    hooks: Object.keys(net.hooks).map((k) => [k, net.hooks[k]!.map((m) => id.get(m)!)]),
    always: net.always.map((m) => id.get(m)!),
  };
}

/** The net encodeNet stored, with its matches in net order (the caller numbers them); throws on malformed data. */
export function decodeNet<M extends object>(data: unknown): { net: NetShape<M>; matches: M[] } {
  const d = data as { rest: unknown; matches: unknown[]; hooks: Array<[string, number[]]>; always: number[] };
  if (!Array.isArray(d.matches) || !Array.isArray(d.hooks) || !Array.isArray(d.always)) throw new Error('bad net');
  const matches = d.matches.map((m) => {
    const v = decodeValue(m);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('bad match');
    return v as M;
  });
  const at = (i: unknown): M => {
    const m = typeof i === 'number' ? matches[i] : undefined;
    if (!m) throw new Error('bad match index');
    return m;
  };
  const hooks: Record<string, M[]> = {};
  for (const entry of d.hooks) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) throw new Error('bad hook');
    hooks[entry[0]] = entry[1].map(at);
  }
  const rest = decodeValue(d.rest);
  if (rest === null || typeof rest !== 'object' || Array.isArray(rest)) throw new Error('bad net fields');
  // Field order as buildNet made it: hooks, always, then what was added (nlp.buildNet's isNet).
  return { net: { hooks, always: d.always.map(at), ...(rest as object) }, matches };
}
