/**
 * The grammatical subject of a sentence's main clause, read from compromise tags: the words
 * before the first verb, after an introductory phrase ("In our experiments, ...") is skipped.
 */
import type { Token } from '../text/compromise.ts';

/** The subject as read: its words and where it sits; `imperative` when the sentence opens with a verb. */
export interface SubjectReading {
  text: string;
  start: number;
  end: number;
  /** Index of the main verb token, -1 when none. */
  verbIndex: number;
  imperative: boolean;
  /** The verb was read from its place (after a personal pronoun, see SubjectWords.personal; a third-person "-s" verb taken for a noun, judge.ts thirdPersonVerb), not from the tagger. */
  placedVerb?: true;
}

const MAX_INTRO_TOKENS = 24;
const MAX_SUBJECT_TOKENS = 14;

/** Word classes the subject reading uses (rules/classifier.yaml). */
export interface SubjectWords {
  /** Words that open a skippable introductory phrase ("In our experiments, ..."). */
  intro: ReadonlySet<string>;
  /**
   * Pronouns that can only be a clause's subject where they open it ("we", "they"): the next word that is not an
   * adverb is the verb, whatever the tagger says ("We open-source ...", "they fine-tuned ...", "we up-sampled ...").
   */
  personal: ReadonlySet<string>;
  /** Verbs whose "that" clause carries the statement ("acknowledges that", "Note that"): rules/classifier.yaml `complementVerbs`. */
  complement?: ReadonlySet<string>;
}

/** Find the subject of the main clause; after a complement verb ("Customer acknowledges that ..."), of its "that" clause. */
export function readSubject(text: string, tokens: readonly Token[], words: SubjectWords, from = 0): SubjectReading {
  const r = readClauseSubject(text, tokens, words, from);
  const after = complementStart(tokens, r.verbIndex, words.complement);
  return after < 0 ? r : readClauseSubject(text, tokens, words, tokens[after]!.start);
}

/** The token after "that" when the verb at `verbIndex` (or "verb and verb") takes a "that" clause; -1 otherwise. */
function complementStart(tokens: readonly Token[], verbIndex: number, verbs: ReadonlySet<string> | undefined): number {
  if (!verbs || verbIndex < 0 || !verbs.has(tokens[verbIndex]!.normal)) return -1;
  let k = verbIndex + 1;
  if (tokens[k]?.normal === 'and' && verbs.has(tokens[k + 1]?.normal ?? '')) k += 2;
  return tokens[k]?.normal === 'that' && k + 1 < tokens.length ? k + 1 : -1;
}

function readClauseSubject(text: string, tokens: readonly Token[], words: SubjectWords, from: number): SubjectReading {
  let i = 0;
  // Start after a "Key:" prefix: the subject is in the value.
  while (i < tokens.length && tokens[i]!.start < from) i++;
  // Skip introductory phrases that end with a comma ("In our experiments, ...", "However, ...").
  for (let round = 0; round < 2 && i < tokens.length; round++) {
    const first = tokens[i]!;
    if (!words.intro.has(first.normal) && !first.tags.has('Gerund')) break;
    let j = i;
    while (j < tokens.length && j - i < MAX_INTRO_TOKENS && !/,|;|:/.test(tokens[j]!.post)) j++;
    if (j >= tokens.length - 1 || j - i >= MAX_INTRO_TOKENS) {
      // No comma: a sentence-initial gerund is itself the subject ("Training large models requires ...").
      if (first.tags.has('Gerund')) return gerundSubject(text, tokens, i);
      break;
    }
    i = j + 1;
  }
  const begin = i;
  const personal = begin < tokens.length && words.personal.has(tokens[begin]!.normal) ? untaggedVerbAfter(tokens, begin + 1) : -1;
  if (personal >= 0) {
    const t = tokens[begin]!;
    return { text: text.slice(t.start, t.end), start: t.start, end: t.end, verbIndex: personal, imperative: false, placedVerb: true };
  }
  while (i < tokens.length && i - begin < MAX_SUBJECT_TOKENS && !isVerb(tokens[i]!, i === begin, tokens[i - 1])) i++;
  const verbIndex = i < tokens.length && isVerb(tokens[i]!, i === begin, tokens[i - 1]) ? i : -1;
  if (begin >= tokens.length) return { text: '', start: 0, end: 0, verbIndex: -1, imperative: false };
  // The sentence opens with its verb, or with adverbs, a negation or "please" and then the verb ("Intentionally deceive
  // others", "Never rely on ...", "If ..., please conduct ..."): no subject.
  if (verbIndex >= begin && tokens.slice(begin, verbIndex).every(opensImperative)) {
    // A bare verb with nothing after it is a value or a label ("Input Type: Text"), not an instruction.
    const imperative = isBareVerb(tokens[verbIndex]!) && verbIndex < tokens.length - 1 && !opensNounPhrase(tokens, verbIndex);
    return { text: '', start: tokens[begin]!.start, end: tokens[begin]!.start, verbIndex, imperative };
  }
  const last = tokens[Math.max(begin, (verbIndex < 0 ? Math.min(tokens.length, begin + MAX_SUBJECT_TOKENS) : verbIndex) - 1)]!;
  const start = tokens[begin]!.start;
  return { text: text.slice(start, last.end).replace(/[,;:]+$/, '').trim(), start, end: last.end, verbIndex, imperative: false };
}

/** Subject that opens with a gerund phrase: words up to the next finite verb. */
function gerundSubject(text: string, tokens: readonly Token[], begin: number): SubjectReading {
  let i = begin + 1;
  while (i < tokens.length && i - begin < MAX_SUBJECT_TOKENS && !(isVerb(tokens[i]!, false) && !tokens[i]!.tags.has('Gerund'))) i++;
  const verbIndex = i < tokens.length && i - begin < MAX_SUBJECT_TOKENS ? i : -1;
  const last = tokens[Math.max(begin, i - 1)]!;
  const start = tokens[begin]!.start;
  return { text: text.slice(start, last.end).replace(/[,;:]+$/, '').trim(), start, end: last.end, verbIndex, imperative: false };
}

function isVerb(t: Token, first: boolean, prev?: Token): boolean {
  if (!t.tags.has('Verb')) return false;
  // A participle after a determiner or adjective modifies a noun ("the hosted API").
  if (prev && t.tags.has('PastTense') && (prev.tags.has('Determiner') || prev.tags.has('Adjective')) && !prev.tags.has('Verb')) return false;
  // A past participle right at the start ("Estimated total emissions ...") modifies the subject.
  if (first && t.tags.has('PastTense') && !t.tags.has('Auxiliary')) return false;
  // Participles inside a noun phrase ("fine-tuned models") are adjectives in function.
  if (t.tags.has('Adjective')) return false;
  return true;
}

/**
 * After a personal pronoun subject, the verb the tagger missed: the first word after any adverbs, when it is not
 * tagged a verb but is a compound or read as an adjective or noun ("open-source", "up-sampled", "pre-trained").
 * Its index is the compound's last part, its head ("sampled"). -1 when the next word is a verb after all, or a word
 * that cannot be one (a preposition, determiner, number, punctuation).
 */
function untaggedVerbAfter(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i < tokens.length && tokens[i]!.tags.has('Adverb') && !tokens[i]!.tags.has('Hyphenated')) i++;
  const t = tokens[i];
  if (!t || t.tags.has('Verb') || /[,;:]/.test(tokens[i - 1]!.post)) return -1;
  if (!(t.tags.has('Hyphenated') || t.tags.has('Adjective') || t.tags.has('Noun')) || t.tags.has('Pronoun') || t.tags.has('Value')) return -1;
  while (i + 1 < tokens.length && tokens[i]!.tags.has('Hyphenated') && tokens[i]!.post === '-' && tokens[i + 1]!.tags.has('Hyphenated')) i++;
  return i;
}

/**
 * A "verb" first word that is really the first word of a noun phrase subject: bare nouns follow it and then a finite
 * verb ("Block Item data is stored ...", "Block Items are not used ...", "Use cases may have been indicated").
 * An imperative's object takes a determiner or ends the clause ("Monitor the system ...", "Establish baseline accuracy.").
 */
function opensNounPhrase(tokens: readonly Token[], verbIndex: number): boolean {
  let j = verbIndex + 1;
  // nouns, joined by "and" / "or" between them ("Model input and output is not used ...")
  while (j < tokens.length && !/[,;:]/.test(tokens[j - 1]!.post) && ((tokens[j]!.tags.has('Noun') && !tokens[j]!.tags.has('Pronoun')) || (j > verbIndex + 1 && JOINERS.has(tokens[j]!.normal) && tokens[j + 1]?.tags.has('Noun') === true))) j++;
  const next = tokens[j];
  if (j === verbIndex + 1 || !next || /[,;:]/.test(tokens[j - 1]!.post)) return false;
  return next.tags.has('Copula') || next.tags.has('Auxiliary') || next.tags.has('Modal') || (next.tags.has('Verb') && !next.tags.has('Infinitive'));
}

const JOINERS = new Set(['and', 'or']);

/** A word that can come before an imperative's verb: an adverb, a negation ("never") or "please" (an expression). */
function opensImperative(t: Token): boolean {
  return t.tags.has('Adverb') || t.tags.has('Negative') || t.tags.has('Expression');
}

function isBareVerb(t: Token): boolean {
  return t.tags.has('Infinitive') || t.tags.has('Imperative');
}
