/**
 * A fast reader for the plain block YAML that most card front matter is: mappings and sequences by
 * indentation, "- key: value" items, unquoted scalars. A model-index of hundreds of results is most of
 * some cards (an MTEB card's front matter is ~70 KB), and `yaml` reads it through a full concrete
 * syntax tree and document model, ~0.5 ms per KB; this reads the same lines in one pass.
 *
 * It gives exactly what `parseDocument(text).toJS()` gives, or undefined: any construct outside that
 * subset (quotes, comments, anchors, tags, flow collections, block or multi-line scalars, tabs,
 * duplicate keys, keys that are not plain words, a top level that is not a mapping) is left to `yaml`,
 * which also reports errors. Scalars resolve as `yaml`'s core schema resolves them, in its order (null,
 * bool, octal, int, hex, nan/inf, exponent float, float, else string). test/text/yaml-block.test.ts
 * holds it to `yaml` on every corpus and sample card, the peer vectors and mutated copies of them.
 */

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

interface Line {
  indent: number;
  /** The line after its indentation, trailing spaces removed. */
  text: string;
}

/** Thrown inside the reader when the text leaves the subset; caught at the top. */
const OUTSIDE = Symbol('outside the block subset');

/** The mapping `text` holds, or undefined when `text` is not in the subset (read it with `yaml`). */
export function readBlockYaml(text: string): Record<string, Value> | undefined {
  // A carriage return only as half of CRLF (yaml reads a lone one as content).
  if (text.length === 0 || /[\t#"'{}&*!|>%@`\uFEFF]|\r(?!\n)/.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    // Only spaces count as YAML white space here (a no-break space is content to yaml, not to trim()).
    const body = trimSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw, 'end');
    if (body === '') continue;
    const indent = body.length - trimSpaces(body, 'start').length;
    const rest = body.slice(indent);
    if (indent === 0 && (rest.startsWith('---') || rest.startsWith('...'))) return undefined;
    lines.push({ indent, text: rest });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0 || isItem(lines[0]!.text)) return undefined;
  try {
    const at = { i: 0 };
    const value = mapping(lines, at, 0);
    return at.i === lines.length ? value : undefined;
  } catch (err) {
    if (err === OUTSIDE) return undefined;
    throw err;
  }
}

function trimSpaces(s: string, side: 'start' | 'end'): string {
  return side === 'start' ? s.replace(/^ +/, '') : s.replace(/ +$/, '');
}

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A mapping whose keys stand at column `indent`, from line `at.i` on. */
function mapping(lines: Line[], at: { i: number }, indent: number, first?: string): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  let text = first;
  while (text !== undefined || (at.i < lines.length && lines[at.i]!.indent === indent && !isItem(lines[at.i]!.text))) {
    if (text === undefined) text = lines[at.i]!.text;
    at.i++;
    const colon = text.indexOf(':');
    if (colon <= 0) throw OUTSIDE;
    const key = text.slice(0, colon);
    if (!KEY.test(key) || RESERVED_KEY.test(key) || Object.hasOwn(out, key)) throw OUTSIDE;
    const after = text.slice(colon + 1);
    text = undefined;
    if (after === '') {
      out[key] = nested(lines, at, indent);
      continue;
    }
    if (after[0] !== ' ') throw OUTSIDE;
    out[key] = scalar(trimSpaces(after, 'start'));
    // A more indented line after a scalar value would continue it (a multi-line scalar) or be an error.
    if (at.i < lines.length && lines[at.i]!.indent > indent) throw OUTSIDE;
  }
  if (at.i < lines.length && lines[at.i]!.indent > indent) throw OUTSIDE;
  return out;
}

/** The value of "key:" at column `indent`: a block below it, a sequence at the key's own column, or null. */
function nested(lines: Line[], at: { i: number }, indent: number): Value {
  const next = lines[at.i];
  if (!next || next.indent < indent) return null;
  if (next.indent === indent) return isItem(next.text) ? sequence(lines, at, indent) : null;
  return isItem(next.text) ? sequence(lines, at, next.indent) : mapping(lines, at, next.indent);
}

/** A sequence whose "-" stand at column `indent`. */
function sequence(lines: Line[], at: { i: number }, indent: number): Value[] {
  const out: Value[] = [];
  while (at.i < lines.length && lines[at.i]!.indent === indent && isItem(lines[at.i]!.text)) {
    const line = lines[at.i]!;
    const rest = trimSpaces(line.text.slice(1), 'start');
    if (rest === '' || isItem(rest)) throw OUTSIDE;
    const column = indent + line.text.length - rest.length;
    if (ENTRY.test(rest)) {
      // "- key: value": a mapping whose keys stand at the column of the first one.
      out.push(mapping(lines, at, column, rest));
      continue;
    }
    at.i++;
    out.push(scalar(rest));
    if (at.i < lines.length && lines[at.i]!.indent > indent) throw OUTSIDE;
  }
  return out;
}

/** Plain keys: words, dots, dashes, slashes and inner spaces; not one the core schema reads as null or a bool. */
const KEY = /^[A-Za-z_][\w.\-/ ]*$/;
const RESERVED_KEY = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$|\s$/;
/** A sequence item that opens a mapping: a plain key, a colon, then a space or the end. */
const ENTRY = /^[A-Za-z_][\w.\-/ ]*:(?: |$)/;

/** A plain scalar, resolved as `yaml`'s core schema resolves it. */
function scalar(s: string): Value {
  // What a plain scalar cannot start with or hold in block context (the indicators screened for the whole text are checked up front).
  if (/^[-?:,[\]]/.test(s) && !/^-[0-9.]/.test(s)) throw OUTSIDE;
  if (s.includes(': ') || s.endsWith(':')) throw OUTSIDE;
  if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
