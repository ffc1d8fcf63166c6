/**
 * Compiles the classification rules of a RuleSet (cue nets, heading phrases, subject words), once per
 * rule set in compileRuleSet (src/rules/compile.ts), so judging a sentence only sweeps precompiled patterns.
 */
import type { ClaimType, Role } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { ofKind } from '../rules/load.ts';
import { lastOfKind } from '../rules/required.ts';
import type { CueRule } from '../rules/kinds/cues.ts';
import type { ClaimTrigger } from '../rules/kinds/claim-types.ts';
import type { ClassifierSettings, ContextCueRule } from '../rules/kinds/classifier.ts';
import { checkPatterns, compilePatterns, type CompiledPatterns, type PatternSpec } from '../text/compromise.ts';
import { WarrantError } from '../model/errors.ts';
import { normalWords } from './words.ts';
import type { SubjectWords } from './subject.ts';
import { buildLinearModels, labelPriors, type LinearModels } from './linear.ts';
import type { LexicalWords, WordVectors } from './lexical.ts';
import { decodeVectors } from '../rules/kinds/word-vectors-codec.ts';

/** A claim type's vocabulary, normalised. */
export interface CompiledClaimType {
  type: ClaimType;
  headings: string[][];
  keys: string[][];
  triggers: ClaimTrigger[];
}

/** A subject group with normalised phrases. */
export interface CompiledSubjectGroup {
  id: string;
  phrases: string[][];
}

/** Everything the judge needs, compiled once per rule set. */
export interface CompiledClassifier {
  sha256: string;
  cues: Map<string, CueRule>;
  triggers: Map<string, { type: ClaimType; trigger: ClaimTrigger }>;
  /** One net for cues ("cue:<id>") and claim-type triggers ("type:<id>"). */
  net: CompiledPatterns;
  /** The same, built lazily per role without the patterns of rules that do not apply to it (see netFor). */
  roleNets: Map<Role, CompiledPatterns>;
  /** Pattern specs with the roles of their rule (undefined: every role). */
  specs: Array<PatternSpec & { roles?: readonly Role[] }>;
  claimTypes: CompiledClaimType[];
  settings: ClassifierSettings;
  context: Array<ContextCueRule & { phraseWords: string[][] }>;
  subjects: CompiledSubjectGroup[];
  /** Introductory-phrase words and personal pronoun subjects, for readSubject. */
  subjectWords: SubjectWords;
  subjectPronouns: Set<string>;
  /** Possessives that yield to a head noun of one group (rules/classifier.yaml `possessiveHeads`). */
  possessiveHeads: { pronouns: Set<string>; group: string } | undefined;
  referringSubjects: Set<string>;
  /** Splits a subject at its first comma, parenthesis, semicolon or head-break word. */
  subjectHeadBreak: RegExp;
  /** Memo: heading or key text → the claim type its vocabulary names. */
  phraseTypes: Map<string, ClaimType | undefined>;
  /** Tie-break priority per claim type (higher wins). */
  priority: Map<ClaimType, number>;
  elaborationMarkers: string[];
  /** Every claim type's keys and headings as space-joined normal words (run-in key lookup). */
  keyPhrases: Set<string>;
  /** The label and claim-type models (rules/weights.json over the rules' priors). */
  models: LinearModels;
  /** Word classes of the lexical features. */
  lexicalWords: LexicalWords;
  /** Word vectors of the topic features (rules/word-vectors.json), when the rule set has them. */
  wordVectors: WordVectors | undefined;
}

/** The classification rules of `rules`, compiled (compileRuleSet calls this once per rule set). */
export function compileClassifier(rules: RuleSet): CompiledClassifier {
  const cues = new Map<string, CueRule>();
  for (const file of ofKind(rules, 'cues')) for (const cue of file.data.cues) cues.set(cue.id, cue as CueRule);
  const claimTypes: CompiledClaimType[] = [];
  const triggers = new Map<string, { type: ClaimType; trigger: ClaimTrigger }>();
  for (const file of ofKind(rules, 'claim-types')) {
    for (const entry of file.data.types) {
      const headings = entry.headings.map(normalWords).filter((p) => p.length > 0);
      const keys = (entry.keys.length > 0 ? entry.keys : entry.headings).map(normalWords).filter((p) => p.length > 0);
      const existing = claimTypes.find((c) => c.type === entry.type);
      if (existing) {
        existing.headings.push(...headings);
        existing.keys.push(...keys);
        existing.triggers.push(...(entry.triggers as ClaimTrigger[]));
      } else {
        claimTypes.push({ type: entry.type as ClaimType, headings, keys, triggers: [...(entry.triggers as ClaimTrigger[])] });
      }
      for (const t of entry.triggers) triggers.set(t.id, { type: entry.type as ClaimType, trigger: t as ClaimTrigger });
    }
  }
  const priority = new Map<ClaimType, number>();
  for (const file of ofKind(rules, 'claim-types')) for (const entry of file.data.types) if (entry.priority !== undefined) priority.set(entry.type as ClaimType, entry.priority);
  const settings = lastOfKind(rules, 'classifier').data as ClassifierSettings;
  const specs: Array<PatternSpec & { roles?: readonly Role[] }> = [];
  for (const cue of cues.values()) for (const pattern of cue.patterns) specs.push({ id: `cue:${cue.id}`, pattern, roles: cue.roles });
  for (const cue of cues.values()) for (const pattern of cue.unless ?? []) specs.push({ id: `unless:${cue.id}`, pattern, roles: cue.roles });
  for (const [id, { trigger }] of triggers) for (const pattern of trigger.patterns) specs.push({ id: `type:${id}`, pattern, roles: trigger.roles });
  // A pattern compromise cannot use is a broken rule file: say which rule and which pattern.
  const problems = checkPatterns(specs.map((s) => s.pattern));
  for (const [i, spec] of specs.entries()) {
    const problem = problems[i];
    if (problem) {
      const ruleId = spec.id.slice(spec.id.indexOf(':') + 1);
      const file = [...ofKind(rules, 'cues'), ...ofKind(rules, 'claim-types')].find((f) => JSON.stringify(f.data).includes(`"${ruleId}"`));
      throw new WarrantError('RULES_INVALID', `rule ${ruleId}: pattern ${JSON.stringify(spec.pattern)}: ${problem}`, { file: file ? `${file.origin}/${file.path}` : undefined });
    }
  }
  const context = settings.context.map((c) => ({ ...c, phraseWords: (c.phrases ?? []).map(normalWords) }));
  const weightFiles = ofKind(rules, 'weights');
  const weights = weightFiles[weightFiles.length - 1];
  const models = buildLinearModels(settings, labelPriors(cues.values(), context), weights?.data, weights ? `${weights.origin}/${weights.path}` : 'weights');
  const lower = (ws: readonly string[]): Set<string> => new Set(ws.map((w) => w.toLowerCase()));
  return {
    sha256: rules.sha256,
    models,
    lexicalWords: {
      auxiliaries: lower(settings.lexical.auxiliaries),
      openColonWords: lower(settings.lexical.openColonWords),
      firstPerson: lower(settings.lexical.firstPerson),
      secondPerson: lower(settings.lexical.secondPerson),
    },
    wordVectors: wordVectorsOf(rules, settings.lexical.topicScale),
    cues,
    triggers,
    net: compilePatterns(specs),
    roleNets: new Map(),
    specs,
    claimTypes,
    settings,
    context,
    subjects: settings.subjects.map((g) => ({ id: g.id, phrases: g.words.map(normalWords).filter((p) => p.length > 0) })),
    subjectWords: {
      intro: new Set(settings.introWords.map((w) => w.toLowerCase())),
      personal: new Set(settings.personalSubjects.map((w) => w.toLowerCase())),
      complement: new Set(settings.complementVerbs),
    },
    subjectPronouns: new Set(settings.subjectPronouns.map((w) => w.toLowerCase())),
    possessiveHeads: settings.possessiveHeads && { pronouns: new Set(settings.possessiveHeads.pronouns.map((w) => w.toLowerCase())), group: settings.possessiveHeads.group },
    referringSubjects: new Set(settings.referringSubjects.map((w) => w.toLowerCase())),
    subjectHeadBreak: new RegExp(
      settings.subjectHeadBreaks.length
        ? `[,(;]| (?:${settings.subjectHeadBreaks.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) `
        : '[,(;]',
      'i',
    ),
    priority,
    phraseTypes: new Map(),
    elaborationMarkers: settings.elaboration.markers.map((m) => m.toLowerCase()),
    keyPhrases: new Set(claimTypes.flatMap((c) => [...c.keys, ...c.headings].map((k) => k.join(' ')))),
  };
}

/** The last word-vectors file of the rule set, indexed by word. */
function wordVectorsOf(rules: RuleSet, scale: number): WordVectors | undefined {
  const files = ofKind(rules, 'word-vectors');
  const file = files[files.length - 1];
  if (!file || scale === 0) return undefined;
  const bytes = decodeVectors(file.data.vectors)!;
  const index = new Map<string, number>();
  file.data.words.split(' ').forEach((w, i) => index.set(w, i));
  return { dimensions: file.data.derivation.dimensions, index, values: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), scale };
}

/** Does a rule restricted to `roles` apply to a document of `role`? */
export function appliesTo(roles: readonly Role[] | undefined, role: Role): boolean {
  return roles === undefined || roles.length === 0 || roles.includes(role);
}

/** The cue and trigger net for sentences of `role`: patterns of rules that do not apply to the role left out. */
export function netFor(cr: CompiledClassifier, role: Role): CompiledPatterns {
  let net = cr.roleNets.get(role);
  if (!net) {
    net = compilePatterns(cr.specs.filter((s) => appliesTo(s.roles, role)));
    cr.roleNets.set(role, net);
  }
  return net;
}
