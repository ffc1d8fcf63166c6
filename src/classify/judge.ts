/**
 * Judges one sentence: cue matches (compromise patterns from rules/cues), context cues
 * (rules/classifier.yaml), the two models' scores (label logit, claim-type logits), the strongest
 * modality cue and the subject. The label and the claim type are decided from those scores for the
 * whole document (src/classify/decide.ts).
 */
import type { Block, ClaimType, Cue, Document, Label, Role, Sentence } from '../model/types.ts';
import type { CueRule } from '../rules/kinds/cues.ts';
import type { ContextCueRule } from '../rules/kinds/classifier.ts';
import { matchesOverlap, matchPatterns, parseSentence, type PatternMatch, type Token } from '../text/compromise.ts';
import { appliesTo, netFor, type CompiledClassifier } from './compile.ts';
import { readSubject, type SubjectReading } from './subject.ts';
import { boundedMemo, findPhrase, longestPhraseMatch, memoNormalWords, normalWords } from './words.ts';
import { cueSpan } from './span.ts';
import { FEATURE, labelLogit, typeLogits, type Features } from './linear.ts';
import { describeFeature, lexicalFeatures, withRoleCopies, type WordAt } from './lexical.ts';

/** What a list item's lead-in says, read once per lead-in text. */
export interface LeadReading {
  hedged: boolean;
  /** Subject group of the lead-in's clause ("Processor agrees to:" → vendor): list items without a subject take it. */
  subjectGroup?: string;
  subjectNames: boolean;
  /** The lead-in has a clause subject of its own (an imperative or verbless lead-in has none). */
  hasSubject: boolean;
  typeScores: Map<ClaimType, number>;
}

/** Per-document state shared by the sentences of one document. */
export interface JudgeEnv {
  doc: Document;
  rules: CompiledClassifier;
  role: Role;
  /** Words naming the document's own product (from its title, front matter or file name). */
  productNames: Set<string>;
  blocks: Map<string, Block>;
  leads: Map<string, LeadReading>;
}

/** What a clause's subject was read as: a later pronoun subject ("It provides ...") refers back to it. */
export interface SubjectReference {
  group: string | undefined;
  names: boolean;
}

/** The judgement of one sentence before quantities are attached. */
export interface SentenceJudgement {
  /** The label model's logit; the label is decided with the claim type (src/classify/decide.ts). */
  labelLogit: number;
  cues: Cue[];
  subject?: string;
  /** The strongest modality cue of the main clause, if any (see modalityOf). */
  modality?: { name: string; dir: string };
  negated: boolean;
  weak: boolean;
  /** The key the sentence was read under (key-value key, run-in key or the paragraph's key). */
  key?: string;
  /** The label model's features (name → value): what `warrant train` learns from. */
  features: Features;
  /** The claim-type model's features. */
  typeFeatures: Features;
  /** The claim-type model's score of each class (CLAIM_TYPES order), before the neighbours' context. */
  typeLogits: Float64Array;
  /** The main clause's subject as read (after any pronoun took its antecedent's reading); absent without a clause. */
  subjectReference?: SubjectReference;
}

interface Fired {
  rule: CueRule;
  match: PatternMatch;
  inMain: boolean;
}

const LINK_ONLY = /^(?:\S+:\s*)?(?:<?(?:https?:\/\/|www\.)\S+>?|[\w.+-]+@[\w-]+\.[\w.]+|\S+\.(?:md|pdf|html|txt|json))\s*\.?$/i;

/**
 * Judge one sentence. `inheritedKey` is the run-in key of the sentence's paragraph, if any; `antecedent` is the
 * subject of the paragraph's previous sentence, which a pronoun subject ("It ...") refers to.
 */
export function judgeSentence(s: Sentence, env: JudgeEnv, inheritedKey: string | undefined, hasBenchmarkQuantity: boolean, antecedent?: SubjectReference): SentenceJudgement {
  const role = s.context.role ?? env.role;
  const reading = readMainClause(s, env, role);
  const fx = new FeatureSet();
  for (const [t, w] of reading.typeScores) fx.type(FEATURE.triggerType + t, w);
  const rule = ruleCueFeatures(s, env, reading, fx);
  const ctx = contextFeatures(s, env, role, reading, inheritedKey, antecedent, fx);
  typeVotes(env, ctx, hasBenchmarkQuantity, fx);
  const lexical = lexicalFeatures({ s, text: s.text, tokens: reading.tokens, subject: reading.subject, subjectGroup: ctx.subjectGroup, names: ctx.names, role, key: ctx.key, innermost: ctx.innermost, mainEnd: reading.mainEnd, negated: rule.negated, clause: ctx.clauseSubject !== undefined, words: env.rules.lexicalWords, vectors: env.rules.wordVectors });
  for (const [f, v] of lexical.features) {
    fx.label(f, v);
    fx.type(f, v);
  }
  // Topic features inform the claim type only (measured: label macro-F1 0.8188 with them, 0.8197 without).
  for (const [f, v] of lexical.topic) fx.type(f, v);
  // The rule cues inform the claim type too (a hedge often marks a limitation): weights from gold, prior 0.
  for (const [f, v] of fx.labelFeatures) if (f.startsWith(FEATURE.cue) || f.startsWith(FEATURE.context)) fx.type(f, v);
  withRoleCopies(fx.labelFeatures, role);
  withRoleCopies(fx.typeFeatures, role);

  const model = env.rules.models;
  const cues = explain(s, env, [...rule.ruleCues, ...ctx.ruleCues], fx.labelFeatures, lexical.spans);
  return {
    labelLogit: labelLogit(model.label, fx.labelFeatures),
    cues: sortCues(cues),
    subject: reading.subject?.text || undefined,
    ...(rule.modality ? { modality: { name: rule.modality.name, dir: rule.modality.dir } } : {}),
    negated: rule.negated,
    weak: rule.weak,
    key: ctx.key,
    features: fx.labelFeatures,
    typeFeatures: fx.typeFeatures,
    typeLogits: typeLogits(model.type, fx.typeFeatures),
    ...(ctx.clauseSubject !== undefined ? { subjectReference: { group: ctx.subjectGroup, names: ctx.names } } : {}),
  };
}

/** The label model's and the claim-type model's features of one sentence, summed by name. */
class FeatureSet {
  readonly labelFeatures: Features = new Map();
  readonly typeFeatures: Features = new Map();
  label(f: string, v: number): void {
    this.labelFeatures.set(f, (this.labelFeatures.get(f) ?? 0) + v);
  }
  type(f: string, v: number): void {
    this.typeFeatures.set(f, (this.typeFeatures.get(f) ?? 0) + v);
  }
}

/** A cue to explain, with the feature whose learned weight gives its contribution. */
interface RuleCue {
  feature: string;
  cue: Cue;
}

/** What the parse of a (non-table) sentence gives: tokens, its subject, where its main clause ends, the cues that fired. */
interface MainClause {
  tokens: readonly Token[];
  fired: Fired[];
  subject: SubjectReading | undefined;
  mainEnd: number;
  /** Claim-type trigger votes (rules/claims triggers). */
  typeScores: Map<ClaimType, number>;
}

function readMainClause(s: Sentence, env: JudgeEnv, role: Role): MainClause {
  const cr = env.rules;
  const text = s.text;
  const typeScores = new Map<ClaimType, number>();
  if (s.context.table) return { tokens: [], fired: [], subject: undefined, mainEnd: text.length, typeScores };
  const parsed = parseSentence(text);
  const tokens = parsed.tokens;
  // Only rules that apply to the role count here (cueMatches and the trigger loop check it), so only they are matched.
  const matches = matchPatterns(parsed, netFor(cr, role));
  const kv = s.context.keyValue;
  const valueAt = kv ? Math.max(0, text.lastIndexOf(kv.value)) : 0;
  const read = (kv && valueSubject(tokens, kv.value, valueAt, cr)) || readSubject(text, tokens, cr.subjectWords, valueAt);
  const subject = read.verbIndex < 0 ? (thirdPersonVerb(text, tokens, valueAt) ?? read) : read;
  const mainEnd = elaborationStart(text, tokens, subject, cr.elaborationMarkers);
  // An introductory clause before the subject ("Because the models are trained ..., ") is not the main clause either.
  const mainStart = subject.verbIndex >= 0 && subject.start > valueAt ? subject.start : 0;
  const fired = cueMatches(matches, cr, role, mainStart, mainEnd);
  const seenTriggers = new Set<string>();
  for (const m of matches) {
    if (!m.id.startsWith('type:')) continue;
    const id = m.id.slice(5);
    const t = cr.triggers.get(id);
    if (!t || seenTriggers.has(id) || !appliesTo(t.trigger.roles, role)) continue;
    seenTriggers.add(id);
    const w = t.trigger.weight * (m.start < mainEnd ? 1 : cr.settings.elaboration.discount);
    typeScores.set(t.type, (typeScores.get(t.type) ?? 0) + w);
  }
  return { tokens, fired, subject, mainEnd, typeScores };
}

/** Whether the tagger reads a word (normalised, lower case) as a verb, on its own or after "it": memoised, bounded. */
const verbReadings = new Map<string, boolean>();
function readsAsVerb(word: string, afterIt = false): boolean {
  return boundedMemo(verbReadings, afterIt ? `it ${word}` : word, (s) => parseSentence(s).tokens[afterIt ? 1 : 0]?.tags.has('Verb') === true, 5000);
}

/**
 * In a sentence with no verb the tagger saw, a third-person verb it took for a plural noun ("DeepSeek-R1 outperforms
 * DeepSeek-V3 on SimpleQA", "The current version supports handwriting", "The Licensor hereby grants you a licence"):
 * an "-s" word after a noun, number or adverb and before its object (a determiner, number, pronoun, name, gerund or
 * adjective), that reads as a verb after "it". The subject is what comes before it. `undefined` when there is no such word.
 */
function thirdPersonVerb(text: string, tokens: readonly Token[], from: number): SubjectReading | undefined {
  let begin = 0;
  while (begin < tokens.length && tokens[begin]!.start < from) begin++;
  for (let k = begin + 1; k < tokens.length - 1 && k - begin <= MAX_VERB_SEARCH; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    const next = tokens[k + 1]!;
    if (!t.tags.has('Plural') || !/^\p{Ll}+s$/u.test(t.text) || /[,;:]/.test(prev.post) || /[,;:]/.test(t.post)) continue;
    if (!(prev.tags.has('Noun') || prev.tags.has('Value') || prev.tags.has('Adverb')) || prev.tags.has('Pronoun') || prev.tags.has('Plural')) continue;
    if (!(next.tags.has('Determiner') || next.tags.has('Value') || next.tags.has('Pronoun') || next.tags.has('ProperNoun') || next.tags.has('Gerund') || next.tags.has('Adjective'))) continue;
    if (!readsAsVerb(t.normal, true)) continue;
    const start = tokens[begin]!.start;
    return { text: text.slice(start, prev.end).trim(), start, end: prev.end, verbIndex: k, imperative: false, placedVerb: true };
  }
  return undefined;
}

/** How far into a verbless sentence thirdPersonVerb looks for its verb. */
const MAX_VERB_SEARCH = 12;

/**
 * The subject of a run-in value read on the value alone. compromise tags a capitalised word after a colon as a
 * proper noun ("Evaluate agent performance: Evaluate agents for ...", "Layer instructions: Break down tasks ..."), so
 * a value that opens with a verb reads as a subject; parsed alone, the value's first word is tagged as a sentence's
 * first word. Only for a value whose first word is capitalised and tagged a proper noun; `undefined` otherwise, or
 * when the value's tokens do not line up with the sentence's.
 */
function valueSubject(tokens: readonly Token[], value: string, valueAt: number, cr: CompiledClassifier): SubjectReading | undefined {
  const first = tokens.findIndex((t) => t.start >= valueAt);
  const t = tokens[first];
  if (!t || !/^\p{Lu}/u.test(t.text) || !t.tags.has('ProperNoun') || t.tags.has('Verb')) return undefined;
  // Most such values open with a name ("License: Apache 2.0"): only a word that reads as a verb on its own is parsed again.
  if (!readsAsVerb(t.normal)) return undefined;
  const alone = parseSentence(value).tokens;
  if (!alone[0]?.tags.has('Verb')) return undefined;
  const r = readSubject(value, alone, cr.subjectWords);
  const verbIndex = r.verbIndex < 0 ? -1 : tokens.findIndex((x) => x.start === alone[r.verbIndex]!.start + valueAt);
  if (r.verbIndex >= 0 && verbIndex < 0) return undefined;
  return { ...r, start: r.start + valueAt, end: r.end + valueAt, verbIndex };
}

/** The rule cues that fired: their features, the strongest modality, negation and weakness. */
function ruleCueFeatures(s: Sentence, env: JudgeEnv, reading: MainClause, fx: FeatureSet): { modality?: { name: string; weight: number; dir: string }; negated: boolean; weak: boolean; ruleCues: RuleCue[] } {
  const settings = env.rules.settings;
  let modality: { name: string; weight: number; dir: string } | undefined;
  let negated = false;
  let weak = false;
  const ruleCues: RuleCue[] = [];
  for (const f of reading.fired) {
    const factor = f.inMain || f.rule.scope === 'anywhere' ? 1 : settings.elaboration.discount;
    const w = f.rule.weight * factor;
    fx.label(FEATURE.cue + f.rule.id, factor);
    if (f.rule.weak) weak = true;
    if (f.rule.negation && f.inMain) negated = true;
    if (f.rule.claimType && factor === 1) fx.type(FEATURE.cueType + f.rule.claimType, 1);
    if (f.rule.modality && f.inMain && (!modality || w > modality.weight)) modality = { name: f.rule.modality, weight: w, dir: f.rule.direction };
    ruleCues.push({
      feature: FEATURE.cue + f.rule.id,
      cue: {
        id: f.rule.id,
        direction: f.rule.direction,
        weight: 0,
        text: f.match.text,
        start: f.match.start,
        end: f.match.end,
        span: cueSpan(env.doc, env.blocks.get(s.blockId), s, f.match.start, f.match.end),
        why: factor === 1 ? f.rule.why : `${f.rule.why} (in an elaboration after the main clause: counts less)`,
      },
    });
  }
  return { modality, negated, weak, ruleCues };
}

/** What the sentence's place says: its key, headings, lead-in and subject group; the context cues that hold. */
interface SentenceContext {
  key: string | undefined;
  /** The key is the paragraph's, not the sentence's own. */
  keyInherited: boolean;
  headings: string[];
  innermost: string | undefined;
  lead: LeadReading | undefined;
  clauseSubject: string | undefined;
  subjectGroup: string | undefined;
  names: boolean;
  ruleCues: RuleCue[];
}

function contextFeatures(s: Sentence, env: JudgeEnv, role: Role, reading: MainClause, inheritedKey: string | undefined, antecedent: SubjectReference | undefined, fx: FeatureSet): SentenceContext {
  const cr = env.rules;
  const { tokens, subject } = reading;
  const text = s.text;
  const table = s.context.table;
  const headings = s.sectionPath.filter((h) => /\p{L}/u.test(h));
  const runIn = s.context.keyValue || inheritedKey || table ? undefined : runInKey(tokens, cr);
  const key = s.context.keyValue?.key ?? inheritedKey ?? runIn;
  const clauseTitle = env.blocks.get(s.blockId)?.clauseTitle;
  const lead = s.context.listLead ? leadOfItem(s.context.listLead, s.context.outerListLeads, env) : undefined;
  // Without a verb there is no clause, so no subject to judge (captions, labels, list values).
  const clauseSubject = subject !== undefined && subject.verbIndex >= 0 && subject.text ? subject.text : undefined;
  // A list item with no subject of its own ("comply with ...") continues its lead-in's clause ("Processor agrees to:").
  const inheritsLead = clauseSubject === undefined && lead !== undefined;
  // A pronoun subject ("It provides ...") is what the paragraph's previous sentence was about.
  const refers = antecedent !== undefined && clauseSubject !== undefined && cr.referringSubjects.has(clauseSubject.trim().toLowerCase());
  const subjectGroup = refers ? antecedent.group : clauseSubject !== undefined ? groupOf(clauseSubject, cr) : inheritsLead ? lead.subjectGroup : undefined;
  const names = refers ? antecedent.names : clauseSubject !== undefined ? memoNormalWords(clauseSubject).some((w) => env.productNames.has(w)) : inheritsLead ? lead.subjectNames : false;
  const ruleCues: RuleCue[] = [];
  // What the context cues read, once for all of them.
  const input: ContextInput = { s, role, text, tokens, key, runIn: runIn !== undefined, headings, lead, subject, subjectGroup, names, tableNumber: !!table && table.cells.some(isNumeric), linkBlock: env.blocks.get(s.blockId)?.linkOnly === true };
  for (const c of cr.context) {
    if (!appliesTo(c.roles, role) && c.condition !== 'role') continue;
    if (!contextHolds(c, input)) continue;
    fx.label(FEATURE.context + c.id, 1);
    ruleCues.push({ feature: FEATURE.context + c.id, cue: { id: c.id, direction: c.direction, weight: 0, text: '', why: c.why } });
    if (c.claimType) fx.type(FEATURE.contextType + c.claimType, c.claimTypeWeight ?? cr.settings.claimTypes.cue);
  }
  return { key, keyInherited: key !== undefined && key === inheritedKey, headings, innermost: clauseTitle ?? headings[headings.length - 1], lead, clauseSubject, subjectGroup, names, ruleCues };
}

/** Claim-type votes of the section, the key and the list lead-in (rules/claims vocabularies). */
function typeVotes(env: JudgeEnv, ctx: SentenceContext, hasBenchmarkQuantity: boolean, fx: FeatureSet): void {
  const cr = env.rules;
  const { headings, innermost, key, lead } = ctx;
  const deepest = innermost !== undefined ? typeOfPhrase(innermost, cr, 'headings') : undefined;
  if (deepest) fx.type(FEATURE.headingType + deepest, 1);
  for (let i = headings.length - 2; i >= 0; i--) {
    const t = typeOfPhrase(headings[i]!, cr, 'headings');
    if (t) {
      fx.type(FEATURE.outerHeadingType + t, 1);
      break;
    }
  }
  if (key) {
    // A key weighs fully on the sentence it introduces, like a section heading on the rest of its paragraph.
    const t = typeOfPhrase(key, cr, 'keys');
    if (t) fx.type((ctx.keyInherited ? FEATURE.inheritedKeyType : FEATURE.keyType) + t, 1);
  }
  if (lead) for (const [t, w] of lead.typeScores) fx.type(FEATURE.leadType + t, Math.min(w, cr.settings.claimTypes.listLead));
  if (hasBenchmarkQuantity) fx.type(FEATURE.benchmarkQuantity, 1);
}

/**
 * The explanation: every rule cue that fired, with its learned contribution, and the lexical
 * features that moved the score most, with their spans where they are words of the sentence.
 */
function explain(s: Sentence, env: JudgeEnv, ruleCues: readonly RuleCue[], feats: Features, spans: ReadonlyMap<string, WordAt>): Cue[] {
  const weights = env.rules.models.label.weights;
  const settings = env.rules.settings;
  const text = s.text;
  const cues: Cue[] = [];
  for (const { feature, cue } of ruleCues) {
    const contribution = (weights.get(feature) ?? 0) * (feats.get(feature) ?? 0);
    cue.weight = roundScore(Math.abs(contribution));
    cue.direction = contribution >= 0 ? 'representation' : 'narrative';
    cues.push(cue);
  }
  // The lexical features (not rule cues) whose contribution reaches minContribution, strongest first.
  const min = settings.explanation.minContribution;
  const candidates: Array<{ f: string; c: number }> = [];
  for (const [f, v] of feats) {
    if (f.startsWith(FEATURE.cue) || f.startsWith(FEATURE.context)) continue;
    const c = (weights.get(f) ?? 0) * v;
    if (Math.abs(c) >= min) candidates.push({ f, c });
  }
  const lexicalCues = candidates.sort((a, b) => Math.abs(b.c) - Math.abs(a.c) || a.f.localeCompare(b.f)).slice(0, settings.explanation.maxLexical);
  for (const { f, c } of lexicalCues) {
    const at = spans.get(f.startsWith('contract|') ? f.slice(9) : f);
    const cue: Cue = {
      id: `feature.${f}`,
      direction: c >= 0 ? 'representation' : 'narrative',
      weight: roundScore(Math.abs(c)),
      text: at ? text.slice(at.start, at.end) : '',
      why: `learned from the gold: ${describeFeature(f)}`,
    };
    if (at) {
      cue.start = at.start;
      cue.end = at.end;
      const span = cueSpan(env.doc, env.blocks.get(s.blockId), s, at.start, at.end);
      if (span) cue.span = span;
    }
    cues.push(cue);
  }
  return cues;
}

/** Scores and cue weights as claims show them: three decimals. */
export function roundScore(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The sentence's modality under its label: the strongest modality cue when it agrees with the label
 * (or the sentence is narrative), else 'definite' for a representation.
 */
export function modalityOf(label: Label, modality: SentenceJudgement['modality']): string {
  if (modality && (modality.dir === label || label === 'narrative')) return modality.name;
  return label === 'representation' ? 'definite' : (modality?.name ?? 'definite');
}

/** Cues in sentence order; cues without a position (context cues) last, by id. */
export function sortCues(cues: Cue[]): Cue[] {
  return cues.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.id.localeCompare(b.id));
}

function isNumeric(cell: string): boolean {
  return /\d/.test(cell) && /^[^A-Za-z]*\d[^A-Za-z]*$|\d+(?:\.\d+)?\s*%/.test(cell.trim());
}

/** Where the main clause ends: the first elaboration marker after the main verb. */
function elaborationStart(text: string, tokens: readonly Token[], subject: SubjectReading, markers: readonly string[]): number {
  const verb = subject.verbIndex >= 0 ? tokens[subject.verbIndex] : undefined;
  if (!verb) return text.length;
  const lower = text.toLowerCase();
  let end = text.length;
  for (const m of markers) {
    const i = lower.indexOf(m, verb.end);
    if (i >= 0 && i < end) end = i;
  }
  return end;
}

/** Cue matches that apply (none that an `unless` pattern of the cue overlaps), with overrides resolved and one entry per cue id (main clause first). */
function cueMatches(matches: readonly PatternMatch[], cr: CompiledClassifier, role: Role, mainStart: number, mainEnd: number): Fired[] {
  const all: Fired[] = [];
  const cancelled = (id: string, c: PatternMatch): boolean => matches.some((u) => u.id === `unless:${id}` && matchesOverlap(u, c));
  for (const m of matches) {
    if (!m.id.startsWith('cue:')) continue;
    const rule = cr.cues.get(m.id.slice(4));
    if (!rule || !appliesTo(rule.roles, role) || (rule.unless && cancelled(rule.id, m))) continue;
    all.push({ rule, match: m, inMain: m.start >= mainStart && m.start < mainEnd });
  }
  const kept = all.filter(
    (f) => !all.some((o) => o !== f && o.rule.overrides?.includes(f.rule.id) && matchesOverlap(o.match, f.match)),
  );
  const byId = new Map<string, Fired>();
  for (const f of kept) {
    const prev = byId.get(f.rule.id);
    const longer = prev !== undefined && prev.inMain === f.inMain && f.match.end - f.match.start > prev.match.end - prev.match.start;
    if (!prev || (!prev.inMain && f.inMain) || longer) byId.set(f.rule.id, f);
  }
  return [...byId.values()];
}

/**
 * The lead-in a list item continues. A nested list's lead-in with no subject of its own ("Violate the law,
 * including to:") continues the clause of the lead-in above it ("You agree you will not use the model to:"),
 * so its subject and hedging are that one's; its claim-type votes stay its own.
 */
function leadOfItem(leadText: string, outer: readonly string[] | undefined, env: JudgeEnv): LeadReading {
  const inner = readLead(leadText, env);
  if (inner.hasSubject || !outer) return inner;
  for (const text of outer) {
    const o = readLead(text, env);
    if (o.hasSubject) return { ...inner, hedged: inner.hedged || o.hedged, subjectGroup: o.subjectGroup, subjectNames: o.subjectNames, hasSubject: true };
  }
  return inner;
}

/** Read a list lead-in once: is it hedged, and which claim types does it announce? */
function readLead(leadText: string, env: JudgeEnv): LeadReading {
  const hit = env.leads.get(leadText);
  if (hit) return hit;
  const cr = env.rules;
  const parsed = parseSentence(leadText);
  const matches = matchPatterns(parsed, cr.net);
  const fired = cueMatches(matches, cr, env.role, 0, leadText.length);
  const hedgedBy = cr.settings.hedgedLeadModalities;
  const hedged = fired.some((f) => f.rule.direction === 'narrative' && f.rule.modality !== undefined && hedgedBy.includes(f.rule.modality));
  const typeScores = new Map<ClaimType, number>();
  for (const m of matches) {
    if (!m.id.startsWith('type:')) continue;
    const t = cr.triggers.get(m.id.slice(5));
    if (t) typeScores.set(t.type, (typeScores.get(t.type) ?? 0) + t.trigger.weight);
  }
  const subject = readSubject(leadText, parsed.tokens, cr.subjectWords);
  const clauseSubject = subject.verbIndex >= 0 && subject.text ? subject.text : undefined;
  const reading: LeadReading = {
    hedged,
    typeScores,
    hasSubject: clauseSubject !== undefined,
    subjectGroup: clauseSubject ? groupOf(clauseSubject, cr) : undefined,
    subjectNames: clauseSubject ? normalWords(clauseSubject).some((w) => env.productNames.has(w)) : false,
  };
  env.leads.set(leadText, reading);
  return reading;
}

/**
 * A run-in key without a colon ("Model Dates Llama 2 was trained ..."): the sentence opens with a
 * heading or key phrase of the claim-type vocabulary followed by a capitalised word.
 */
function runInKey(tokens: readonly Token[], cr: CompiledClassifier): string | undefined {
  for (let n = Math.min(4, tokens.length - 1); n >= 1; n--) {
    const next = tokens[n]!;
    if (!/^[A-Z0-9]/.test(next.text) || tokens[n - 1]!.post.trim() !== '' || !/^[A-Z]/.test(tokens[0]!.text)) continue;
    const words = tokens.slice(0, n).flatMap((t) => normalWords(t.text));
    const phrase = words.join(' ');
    if (cr.keyPhrases.has(phrase)) {
      return tokens.slice(0, n).map((t) => t.text).join(' ');
    }
  }
  return undefined;
}

/** A verb that can head a clause: not a gerund, not a participle used as an adjective ("on grouped benchmarks"). */
function isFiniteVerb(t: Token, prev: Token | undefined): boolean {
  if (!t.tags.has('Verb') || t.tags.has('Gerund')) return false;
  if (t.tags.has('PastTense') && prev && (prev.tags.has('Preposition') || prev.tags.has('Determiner') || prev.tags.has('Adjective'))) return false;
  return true;
}

/** The claim type whose heading (or key) vocabulary best matches a heading or key: longest phrase wins (memoised per rule set). */
function typeOfPhrase(text: string, cr: CompiledClassifier, field: 'headings' | 'keys'): ClaimType | undefined {
  return boundedMemo(
    cr.phraseTypes,
    `${field}\u0000${text}`,
    () => {
      const words = memoNormalWords(text);
      let best: ClaimType | undefined;
      let bestLen = 0;
      for (const c of cr.claimTypes) {
        const len = longestPhraseMatch(words, c[field]);
        if (len > bestLen) {
          bestLen = len;
          best = c.type;
        }
      }
      return best;
    },
    5000,
  );
}

/** The subject group (rules/classifier.yaml `subjects`) whose words appear in the subject, first group first. */
function groupOf(subjectText: string, cr: CompiledClassifier): string | undefined {
  if (!subjectText) return undefined;
  const words = memoNormalWords(subjectText);
  // A possessive or personal pronoun that opens the subject decides ("our fine-tuned LLMs", "you"), except that a
  // possessive of `possessiveHeads` yields to a product head noun ("your prompts" are the product's data).
  const pronoun = cr.subjectPronouns.has(words[0] ?? '') ? cr.subjects.find((g) => g.phrases.some((p) => p.length === 1 && p[0] === words[0])) : undefined;
  // Otherwise the head noun of the subject decides ("Customer prompts" is about prompts): the phrase must end the
  // subject's first noun phrase (before a comma, parenthesis or preposition).
  const head = () => memoNormalWords(subjectText.split(cr.subjectHeadBreak)[0]!);
  if (!pronoun) return groupEnding(head(), cr);
  const yields = cr.possessiveHeads;
  if (yields?.pronouns.has(words[0]!) && head().length > 1 && groupEnding(head(), cr) === yields.group) return yields.group;
  return pronoun.id;
}

/** The group whose phrase ends the subject's head noun phrase `head` (its words), first group first. */
function groupEnding(head: readonly string[], cr: CompiledClassifier): string | undefined {
  for (const g of cr.subjects) {
    for (const p of g.phrases) {
      if (p.length <= head.length && p.every((w, k) => head[head.length - p.length + k] === w)) return g.id;
    }
  }
  return undefined;
}

interface ContextInput {
  s: Sentence;
  role: Role;
  text: string;
  tokens: readonly Token[];
  key: string | undefined;
  /** The key is a run-in key (no colon) read from the sentence's opening words. */
  runIn: boolean;
  headings: readonly string[];
  lead: LeadReading | undefined;
  subject: SubjectReading | undefined;
  subjectGroup: string | undefined;
  names: boolean;
  tableNumber: boolean;
  /** The sentence's block is one Markdown link and nothing else. */
  linkBlock: boolean;
}

function phraseIn(words: readonly string[], phrases: ReadonlyArray<readonly string[]>): boolean {
  return phrases.some((p) => findPhrase(words, p) >= 0);
}

/** The words are exactly one of the phrases. */
function wholePhrase(words: readonly string[], phrases: ReadonlyArray<readonly string[]>): boolean {
  return phrases.some((p) => p.length === words.length && p.every((w, i) => w === words[i]));
}

function contextHolds(c: ContextCueRule & { phraseWords: string[][] }, x: ContextInput): boolean {
  switch (c.condition) {
    case 'table-row-number':
      return x.tableNumber;
    case 'table-row':
      return x.s.context.table !== undefined;
    case 'key-value':
      return x.runIn || (x.s.context.keyValue !== undefined && x.s.context.keyValue.value.trim().length > 0);
    case 'key':
      return x.key !== undefined && phraseIn(memoNormalWords(x.key), c.phraseWords);
    case 'empty-value': {
      const kv = x.s.context.keyValue;
      if (!kv) return false;
      const words = memoNormalWords(kv.value);
      return words.length === 0 || wholePhrase(words, c.phraseWords);
    }
    case 'row-label-header': {
      const header = x.s.context.table?.headers[0];
      return header !== undefined && wholePhrase(memoNormalWords(header), c.phraseWords);
    }
    case 'lead-in':
      return /:\s*$/.test(x.text);
    case 'list-lead-hedged':
      return x.lead?.hedged === true;
    case 'list-lead-definite':
      return x.lead !== undefined && !x.lead.hedged;
    case 'list-lead-subject':
      return x.lead?.subjectGroup !== undefined && x.lead.subjectGroup === c.group;
    case 'section': {
      const h = x.headings[x.headings.length - 1];
      return h !== undefined && phraseIn(memoNormalWords(h), c.phraseWords);
    }
    case 'role':
      return appliesTo(c.roles, x.role);
    case 'verbless':
      // A list item under a lead-in and a key-value line borrow their predicate from the lead-in or the key.
      if (x.s.context.table !== undefined || x.s.context.keyValue !== undefined || x.s.context.listLead !== undefined || x.runIn || x.s.context.isFragment) return false;
      // A verb the subject reading found after a personal pronoun counts though the tagger missed it ("We open-source ...").
      if (x.subject?.placedVerb) return false;
      return x.tokens.length > 0 && !x.tokens.some((t, i) => isFiniteVerb(t, x.tokens[i - 1]));
    case 'fragment':
      return x.s.context.isFragment === true && x.s.context.table === undefined && x.s.context.keyValue === undefined;
    case 'question':
      return /\?\s*$/.test(x.text);
    case 'link-only':
      return x.linkBlock || LINK_ONLY.test(x.text.trim()) || (x.s.context.keyValue !== undefined && LINK_ONLY.test(x.s.context.keyValue.value.trim()));
    case 'subject':
      return x.subjectGroup !== undefined && x.subjectGroup === c.group;
    case 'product-name':
      return x.names;
    case 'imperative':
      // A list item under a lead-in continues the lead-in's clause ("The model can:" > "Summarize documents").
      return x.subject?.imperative === true && x.s.context.listLead === undefined;
  }
}
