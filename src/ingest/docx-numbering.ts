/**
 * DOCX list numbering (ECMA-376 Part 1, 17.9): mammoth keeps whether a paragraph is in a list
 * but drops the numbers Word draws ("1.", "2.1", "(a)"), and a contract's clause numbers are how
 * people cite it. This module reads numbering.xml, styles.xml and the paragraphs of
 * document.xml, and computes the label of every numbered paragraph the way Word counts them.
 */

/** One paragraph of document.xml in body order (table cell paragraphs included). */
export interface XmlParagraph {
  /** Text of its w:t elements, whitespace collapsed. */
  text: string;
  /** The number Word draws in front of it ("1.", "2.1", "(a)", "•"), when it is numbered. */
  label?: string;
  /** List level (w:ilvl), when it is numbered. */
  level?: number;
}

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
}

interface Num {
  abstractId: string;
  startOverrides: Map<number, number>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the five XML entities and numeric character references. */
export function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

function attr(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}\\b[^>]*?\\bw:val="([^"]*)"`).exec(xml);
  return m ? m[1] : undefined;
}

function readLevels(numberingXml: string): { abstracts: Map<string, Map<number, Level>>; nums: Map<string, Num> } {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const m of numberingXml.matchAll(/<w:abstractNum\b[^>]*?w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of m[2]!.matchAll(/<w:lvl\b[^>]*?w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2]!;
      levels.set(Number(l[1]), {
        start: Number(attr(body, 'w:start') ?? '1'),
        numFmt: attr(body, 'w:numFmt') ?? 'decimal',
        lvlText: decodeXmlText(attr(body, 'w:lvlText') ?? ''),
        isLgl: /<w:isLgl\b/.test(body),
      });
    }
    abstracts.set(m[1]!, levels);
  }
  const nums = new Map<string, Num>();
  for (const m of numberingXml.matchAll(/<w:num\b[^>]*?w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const body = m[2]!;
    const abstractId = attr(body, 'w:abstractNumId');
    if (abstractId === undefined) continue;
    const startOverrides = new Map<number, number>();
    for (const o of body.matchAll(/<w:lvlOverride\b[^>]*?w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = attr(o[2]!, 'w:startOverride');
      if (s !== undefined) startOverrides.set(Number(o[1]), Number(s));
    }
    nums.set(m[1]!, { abstractId, startOverrides });
  }
  return { abstracts, nums };
}

function readStyleNumbering(stylesXml: string): Map<string, { numId: string; ilvl: number }> {
  const out = new Map<string, { numId: string; ilvl: number }>();
  for (const m of stylesXml.matchAll(/<w:style\b[^>]*?w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[2]!);
    if (!numPr) continue;
    const numId = attr(numPr[1]!, 'w:numId');
    if (numId !== undefined) out.set(m[1]!, { numId, ilvl: Number(attr(numPr[1]!, 'w:ilvl') ?? '0') });
  }
  return out;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function letters(n: number): string {
  // Word repeats the letter: a..z, aa..zz, aaa..
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** Format one counter value in an OOXML number format (ST_NumberFormat). */
export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Paragraphs of document.xml, numbered as Word numbers them. */
export function numberParagraphs(documentXml: string, numberingXml = '', stylesXml = ''): XmlParagraph[] {
  const { abstracts, nums } = readLevels(numberingXml);
  const styleNum = readStyleNumbering(stylesXml);
  const counters = new Map<string, number[]>();
  const seenNums = new Set<string>();
  const out: XmlParagraph[] = [];
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(documentXml)?.[1] ?? documentXml;
  for (const m of body.matchAll(/<w:p(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? '';
    const text = decodeXmlText(
      [...inner.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)].map((t) => (t[2] ? ' ' : t[1] ?? '')).join(''),
    )
      .replace(/\s+/g, ' ')
      .trim();
    const para: XmlParagraph = { text };
    out.push(para);
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? '';
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr)?.[1];
    const style = attr(pPr, 'w:pStyle');
    let numId = numPr ? attr(numPr, 'w:numId') : undefined;
    let ilvl = numPr ? Number(attr(numPr, 'w:ilvl') ?? 'NaN') : NaN;
    if (style && styleNum.has(style)) {
      const s = styleNum.get(style)!;
      numId ??= s.numId;
      if (Number.isNaN(ilvl)) ilvl = s.ilvl;
    }
    if (Number.isNaN(ilvl)) ilvl = 0;
    if (numId === undefined || numId === '0') continue;
    const num = nums.get(numId);
    const levels = num ? abstracts.get(num.abstractId) : undefined;
    if (!num || !levels) continue;
    // lists that share an abstract definition continue one count unless a num restarts a level
    let count = counters.get(num.abstractId);
    if (!count) counters.set(num.abstractId, (count = []));
    if (!seenNums.has(numId)) {
      seenNums.add(numId);
      for (const [lvl, start] of num.startOverrides) {
        count[lvl] = start - 1;
        count.length = Math.max(count.length, lvl + 1);
      }
    }
    const level = levels.get(ilvl);
    if (!level) continue;
    count[ilvl] = (count[ilvl] ?? level.start - 1) + 1;
    for (let k = ilvl + 1; k < count.length; k++) count[k] = undefined as unknown as number;
    for (let k = 0; k < ilvl; k++) if (count[k] === undefined) count[k] = levels.get(k)?.start ?? 1;
    para.level = ilvl;
    if (level.numFmt === 'bullet') {
      para.label = '•';
      continue;
    }
    const label = level.lvlText.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      const fmt = level.isLgl && k < ilvl ? 'decimal' : levels.get(k)?.numFmt ?? 'decimal';
      return formatNumber(count![k] ?? 1, fmt);
    });
    if (label.trim()) para.label = label.trim();
  }
  return out;
}
