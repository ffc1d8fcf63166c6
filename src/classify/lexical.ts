/**
 * Lexical features of a sentence for the learned models: the modal and main verb of the main
 * clause, the subject's group and head word, the words of the innermost heading and the key, the
 * sentence's content words, its shape (table row, list item, key-value, digits, length) and the
 * document role. Each is a named feature (e.g. "modal=will"); its weight is learned from gold, and a
 * feature seen in too few training documents is left out of the model by `warrant train`.
 */
import type { Role, Sentence } from '../model/types.ts';
import type { Token } from '../text/compromise.ts';
import type { SubjectReading } from './subject.ts';
import { boundedMemo, memoNormalWords, normalWords } from './words.ts';

/** What the judge already read from the sentence. */
export interface LexicalInput {
  s: Sentence;
  text: string;
  tokens: readonly Token[];
  subject: SubjectReading | undefined;
  subjectGroup: string | undefined;
  names: boolean;
  role: Role;
  key: string | undefined;
  /** The innermost heading or clause title. */
  innermost: string | undefined;
  /** Where the main clause ends (elaborations after it). */
  mainEnd: number;
  negated: boolean;
  /** The sentence has a clause (a subject and a verb). */
  clause: boolean;
  /** Word classes from rules/classifier.yaml `lexical`. */
  words: LexicalWords;
  /** Word vectors of the topic features (rules/word-vectors.json), if any. */
  vectors: WordVectors | undefined;
}

/** rules/word-vectors.json, indexed: word → row of `values` (one signed byte per dimension, value × 127). */
export interface WordVectors {
  dimensions: number;
  index: ReadonlyMap<string, number>;
  values: Int8Array;
  /** rules/classifier.yaml `lexical.topicScale`. */
  scale: number;
}

/** rules/classifier.yaml `lexical`, as sets. */
export interface LexicalWords {
  auxiliaries: ReadonlySet<string>;
  openColonWords: ReadonlySet<string>;
  firstPerson: ReadonlySet<string>;
  secondPerson: ReadonlySet<string>;
}

/** Where a feature's word is in the sentence: [start, end). */
export interface WordAt {
  readonly start: number;
  readonly end: number;
}

/** Features and, for those that are words of the sentence, where they are in the sentence (their token). */
export interface LexicalFeatures {
  features: Map<string, number>;
  spans: Map<string, WordAt>;
  /**
   * Topic features, for the claim-type model only: "topic=<d>" is dimension d of the mean vector of
   * the content words, at unit length × `topicScale`. Words about data, scores or licences point the
   * same way whichever document they are in, where each word itself is seen in few.
   */
  topic: Map<string, number>;
}

const MAX_HEADING_WORDS = 8;
const MAX_CONTENT_WORDS = 40;

/** A crude verb lemma: enough to merge "provides/provided/providing" without a dictionary. */
export function verbStem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('ed')) return w.endsWith('eed') ? w : w.slice(0, -2).replace(/e?$/, '');
  if (w.length > 4 && w.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w.replace(/e$/, '');
}

function lengthBucket(n: number): string {
  if (n < 4) return 'xs';
  if (n < 9) return 's';
  if (n < 20) return 'm';
  if (n < 40) return 'l';
  return 'xl';
}

/** The lexical features of one sentence. */
export function lexicalFeatures(x: LexicalInput): LexicalFeatures {
  const features = new Map<string, number>();
  const spans = new Map<string, WordAt>();
  const set = (f: string, at?: Token): void => {
    features.set(f, 1);
    if (at && !spans.has(f)) spans.set(f, at);
  };
  const ctx = x.s.context;
  const text = x.text;
  const tokens = x.tokens;
  const digit = /\d/.test(text);
  set(`role=${x.role}`);
  set(`shape=${ctx.table ? 'table-row' : ctx.keyValue ? 'key-value' : ctx.blockKind === 'list-item' ? 'list-item' : 'paragraph'}`);
  set(`length=${lengthBucket(tokens.length || text.split(/\s+/).length)}`);
  if (digit) set('has=digit');
  if (text.includes('%')) set('has=percent');
  if (x.negated) set('has=negation');
  if (!x.clause) set('has=no-clause');
  if (ctx.legal) {
    set(`legal=${ctx.legal.force}`);
    if (ctx.legal.side) set(`binds=${ctx.legal.side}`);
  }
  set(`subject=${x.subjectGroup ?? (x.clause ? 'other' : 'none')}`);
  if (x.names) set('subject=product-name');

  // The main clause's tokens are those that start before mainEnd (tokens are in text order).
  let mainCount = 0;
  while (mainCount < tokens.length && tokens[mainCount]!.start < x.mainEnd) mainCount++;
  let modal: Token | undefined;
  for (let i = 0; i < mainCount; i++) {
    if (tokens[i]!.tags.has('Modal')) {
      modal = tokens[i];
      break;
    }
  }
  if (modal) set(`modal=${modal.normal}`, modal);
  const verb = x.subject && x.subject.verbIndex >= 0 ? tokens[x.subject.verbIndex] : undefined;
  if (verb && verb.normal) set(`verb=${verbStem(verb.normal)}`, verb);
  if (x.subject && x.subject.text) {
    const { start, end } = x.subject;
    let head: Token | undefined;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.start >= start && t.end <= end && t.tags.has('Noun')) {
        head = t;
        break;
      }
    }
    if (head && /\p{L}/u.test(head.normal)) set(`subject-head=${firstNormalWord(head.normal)}`, head);
  }
  const first = tokens[0];
  // No span: underlining an opening "The" in the page would explain nothing.
  if (first && /\p{L}/u.test(first.normal)) set(`first=${first.normal}`);

  // Interactions the guide's tests combine: who the subject is × how the verb is softened, tense, person.
  const subj = x.names ? 'product-name' : (x.subjectGroup ?? (x.clause ? 'other' : 'none'));
  set(`subject&modal=${subj}&${modal?.normal ?? 'none'}`);
  if (x.negated) set(`subject&negation=${subj}`);
  const tense = !verb ? 'none' : modal?.normal === 'will' || modal?.normal === 'shall' ? 'future' : verb.tags.has('PastTense') ? 'past' : verb.tags.has('Modal') ? 'modal' : 'present';
  set(`tense=${tense}`);
  set(`subject&tense=${subj}&${tense}`);
  let passive = false;
  for (let i = 1; i < tokens.length && !passive; i++) passive = tokens[i]!.tags.has('PastTense') && x.words.auxiliaries.has(tokens[i - 1]!.normal);
  if (passive) set('has=passive');
  let firstPerson = false;
  let secondPerson = false;
  for (let i = 0; i < mainCount; i++) {
    const normal = tokens[i]!.normal;
    if (!firstPerson && x.words.firstPerson.has(normal)) firstPerson = true;
    if (!secondPerson && x.words.secondPerson.has(normal)) secondPerson = true;
  }
  if (firstPerson) set('person=first');
  if (secondPerson) set('person=second');
  if (ctx.legal?.side) set(`legal&binds=${ctx.legal.force}&${ctx.legal.side}`);
  set(`shape&digit=${ctx.table ? 'table-row' : ctx.keyValue ? 'key-value' : ctx.blockKind}&${digit ? 'yes' : 'no'}`);
  if (ctx.listLead) set('shape=under-lead-in');
  if (/:\s*$/.test(text)) {
    // "The model is intended for:" leaves its clause open (a preposition or verb before the colon) and
    // asserts nothing by itself; "We provide 8 models:" is a complete statement that lists after it.
    const last = tokens[tokens.length - 1];
    const open = last !== undefined && (last.tags.has('Preposition') || last.tags.has('Verb') || last.tags.has('Conjunction') || x.words.openColonWords.has(last.normal));
    set(open ? 'ends=colon-open' : 'ends=colon');
  }
  if (/^\s*\[\d+\]|\(\d{4}\)|et al\./.test(text)) set('has=citation');
  if (/https?:\/\/|www\./.test(text)) set('has=url');

  if (x.innermost) for (const f of phraseFeatures('heading=', x.innermost)) set(f);
  const path = x.s.sectionPath;
  for (let i = 0; i < path.length - 1; i++) for (const f of phraseFeatures('outer-heading=', path[i]!)) set(f);
  if (x.key) for (const f of phraseFeatures('key=', x.key)) set(f);

  let n = 0;
  const topic = x.vectors ? new Float64Array(x.vectors.dimensions) : undefined;
  for (const t of tokens) {
    if (n >= MAX_CONTENT_WORDS) break;
    const tags = t.tags;
    const isVerb = tags.has('Verb');
    if (!(tags.has('Noun') || isVerb || tags.has('Adjective') || tags.has('Adverb'))) continue;
    const f = wordFeature(t.normal, isVerb);
    if (f === null) continue;
    if (!features.has(f)) n++;
    set(f, t);
    if (topic) addVector(topic, x.vectors!, t.normal);
  }
  return { features, spans, topic: topicFeatures(topic, x.vectors) };
}

/** normalWords(word)[0], or the word itself when it has none. */
function firstNormalWord(word: string): string {
  return memoNormalWords(word)[0] ?? word;
}

/** Entries each memo of feature names keeps before it is cleared. */
const MEMO_LIMIT = 20000;

const phraseFeatureMemo = new Map<string, string[]>();

/** `<prefix><w>` for the first MAX_HEADING_WORDS normal words w of `text` that have a letter. */
function phraseFeatures(prefix: string, text: string): readonly string[] {
  return boundedMemo(phraseFeatureMemo, `${prefix}\u0000${text}`, () => {
    const out: string[] = [];
    for (const w of normalWords(text).slice(0, MAX_HEADING_WORDS)) if (/\p{L}/u.test(w)) out.push(`${prefix}${w}`);
    return out;
  }, MEMO_LIMIT);
}

const nounWordFeatures = new Map<string, string | null>();
const verbWordFeatures = new Map<string, string | null>();

/** The "word=" feature of a content word (by its normal form), or null when it is too short, has a digit or is not a word. */
function wordFeature(normal: string, isVerb: boolean): string | null {
  return boundedMemo(
    isVerb ? verbWordFeatures : nounWordFeatures,
    normal,
    (w) => {
      if (w.length < 3 || /\d/.test(w) || !/^\p{L}[\p{L}-]*$/u.test(w)) return null;
      return `word=${isVerb ? verbStem(w) : (normalWords(w)[0] ?? w)}`;
    },
    MEMO_LIMIT,
  );
}

function addVector(sum: Float64Array, vectors: WordVectors, word: string): void {
  const row = vectors.index.get(word.toLowerCase());
  if (row === undefined) return;
  const at = row * vectors.dimensions;
  for (let d = 0; d < vectors.dimensions; d++) sum[d]! += vectors.values[at + d]! / 127;
}

const topicNames: string[] = [];

function topicFeatures(sum: Float64Array | undefined, vectors: WordVectors | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!sum || !vectors) return out;
  let norm = 0;
  for (const v of sum) norm += v * v;
  if (norm === 0) return out;
  norm = Math.sqrt(norm);
  for (let d = 0; d < sum.length; d++) out.set((topicNames[d] ??= `topic=${d}`), Math.round((sum[d]! / norm) * vectors.scale * 1000) / 1000);
  return out;
}

/**
 * Contract copies of features: "contract|modal=may" lets the gold teach that a contract's "may"
 * grants a right where a card's "may" hedges, and "contract|word=use" that a contract's "use" is
 * about permitted use where a card's is about capability. Applied to every feature of a contract
 * sentence, for both models (claim type leave one document out: 0.682 without the copies, 0.687 with).
 */
export function withRoleCopies(features: Map<string, number>, role: Role): void {
  if (role !== 'contract') return;
  for (const [f, v] of [...features]) if (!f.startsWith('role=')) features.set(boundedMemo(contractNames, f, (name) => `contract|${name}`, MEMO_LIMIT), v);
}

const contractNames = new Map<string, string>();

/** A feature name in words, for explanations. */
export function describeFeature(f: string): string {
  if (f.startsWith('contract|')) return `${describeFeature(f.slice(9))}, in a contract`;
  const [kind, value] = f.split('=', 2) as [string, string | undefined];
  if (kind.includes('&') && value !== undefined) {
    const parts = kind.split('&');
    const values = value.split('&');
    return `together: ${parts.map((p, i) => `${p} ${values[i] ?? ''}`.trim()).join(' and ')}`;
  }
  switch (kind) {
    case 'modal':
      return `the modal "${value}" in the main clause`;
    case 'verb':
      return `the main verb "${value}…"`;
    case 'subject':
      return value === 'product-name' ? "the subject names the document's product" : `the subject is ${value === 'none' ? 'absent' : `of the ${value} group`}`;
    case 'subject-head':
      return `the subject's head noun "${value}"`;
    case 'first':
      return `the sentence opens with "${value}"`;
    case 'heading':
      return `the heading word "${value}"`;
    case 'outer-heading':
      return `the word "${value}" in an enclosing heading`;
    case 'tense':
      return `the main verb's tense: ${value}`;
    case 'person':
      return `${value} person`;
    case 'ends':
      return value === 'colon-open' ? 'the sentence ends with a colon that leaves its clause open' : 'the sentence ends with a colon';
    case 'key':
      return `the key word "${value}"`;
    case 'word':
      return `the word "${value}…"`;
    case 'topic':
      return `the topic of the sentence's words (word-vector dimension ${value})`;
    case 'role':
      return `a ${value} document`;
    case 'legal':
      return `the contract stage reads it as a ${value}`;
    case 'binds':
      return `it binds the ${value}`;
    case 'shape':
      return `a ${value}`;
    case 'length':
      return `sentence length ${value}`;
    case 'has':
      return `the sentence has ${value === 'no-clause' ? 'no clause' : `a ${value}`}`;
    default:
      return f;
  }
}
