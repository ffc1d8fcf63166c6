/**
 * Claims ↔ evidence. Every number a card states about a benchmark becomes a ClaimedNumber:
 * each model-index entry (claimId = its declared record id, `${docId}:model-index:${i}`), and each
 * quantity of a claim (claimId = the claim id, quantityIndex = its index). Each is linked to the best
 * matching record of every evidence source (one Link per source), or gets one 'unverified' Link.
 *
 * Which evidence a number may be checked against:
 * - a model-index entry: anything not from its own card (harness output, CSV, other files);
 * - a table row: the above plus its own card's model-index (declared beats self-reported), so a
 *   card whose metadata and table disagree shows a 'contradicted' Link;
 * - a prose number: the above plus the card's own table numbers (self-reported).
 * A table or prose number inherits shots / metric / answer extraction from its card's model-index
 * entry for the same benchmark when the two state the same number (the table rounds the metadata).
 */
import type { Claim, EvidenceRecord, Link, Quantity, Sentence } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import type { JudgedDocument } from './judged.ts';
import { namesFor, type Names } from './names.ts';
import { evidenceRules, type EvidenceRules } from './evidence-rules.ts';
import { cardModelName, quantityValue, selfReportedId } from './card-tables.ts';
import { modelRelation } from './models.ts';
import { judge, fmt, type ClaimedNumber } from './verdict.ts';

/** Decimal places of a number as written ("0.6459" → 4, "47.0" → 1, "91%" → 0). */
export function decimalsOf(raw: string): number {
  const m = /\.(\d+)/.exec(raw.replace(/e[-+]?\d+$/i, ''));
  return m ? m[1]!.length : 0;
}

/** Direction of a metric (the claim's, else the benchmark's default); higher is better when unknown. */
function higherIsBetter(metric: string | undefined, benchmark: string, names: Names): boolean {
  const m = metric ?? names.info(benchmark)?.primaryMetric;
  return m ? names.metric(m)?.higherIsBetter ?? true : true;
}

function declaredAsClaimed(r: EvidenceRecord, docId: string, fallbackModel: string, names: Names): ClaimedNumber {
  const raw = String(r.rawValue);
  const factor = r.methodology.scale === 'fraction' ? 100 : 1;
  const c: ClaimedNumber = {
    claimId: r.id,
    quantityIndex: 0,
    docId,
    origin: 'model-index',
    benchmark: r.benchmark,
    metric: r.metric,
    value: r.value,
    raw,
    halfUnit: 0.5 * 10 ** -decimalsOf(raw) * factor,
    model: r.model ?? fallbackModel,
    own: true,
    selfRecordId: r.id,
    higherIsBetter: higherIsBetter(r.metric, r.benchmark, names),
  };
  if (r.shots !== undefined) c.shots = r.shots;
  if (r.split) c.split = r.split;
  if (typeof r.methodology.metricVariant === 'string') c.metricVariant = r.methodology.metricVariant;
  return c;
}

function isTableSentence(s: Sentence | undefined): boolean {
  return s !== undefined && (s.context.table !== undefined || s.context.blockKind === 'table');
}

function quantityAsClaimed(
  claim: Claim,
  q: Quantity,
  qi: number,
  sentence: Sentence | undefined,
  cardModel: string,
  names: Names,
  rules: EvidenceRules,
  variants: Set<string>,
): ClaimedNumber | undefined {
  if (!q.benchmark) return undefined;
  const own = q.ownModel === true || (q.ownModel === undefined && q.model === undefined);
  if (!own && !q.model) return undefined;
  const benchmark = names.benchmark(q.benchmark)?.name ?? q.benchmark;
  const facts = names.info(benchmark);
  const metric = q.metric ? names.metric(q.metric) : undefined;
  const metricName = metric?.name ?? q.metric;
  const { value, halfUnit } = quantityValue(q, metricName ?? facts?.primaryMetric, names);
  const c: ClaimedNumber = {
    claimId: claim.id,
    quantityIndex: qi,
    docId: claim.docId,
    origin: isTableSentence(sentence) ? 'table' : 'prose',
    benchmark,
    value,
    raw: q.raw,
    halfUnit,
    model: q.model ?? cardModel,
    own,
    selfRecordId: selfReportedId(claim.id, qi),
    higherIsBetter: higherIsBetter(metricName, benchmark, names),
  };
  if (metricName) c.metric = metricName;
  if (metric?.variant) c.metricVariant = metric.variant;
  if (facts?.primaryMetric) c.defaultMetric = facts.primaryMetric;
  if (facts?.primaryVariant) c.defaultVariant = facts.primaryVariant;
  if (q.shots !== undefined) c.shots = q.shots;
  if (q.split) c.split = q.split;
  if (q.comparator) c.comparator = q.comparator;
  if (q.conditions?.length) {
    c.conditions = q.conditions;
    const v = q.conditions.find((x) => variants.has(x.trim().toLowerCase()));
    if (v && c.metricVariant === undefined) c.metricVariant = v.trim().toLowerCase();
  }
  return c;
}

/**
 * Give a card number the methodology of its card's model-index entry for the same benchmark and model:
 * the entry stating the same number, else the only entry for that benchmark. The metadata says how the
 * card's numbers were measured; the numbers are still compared as they stand.
 */
function inherit(c: ClaimedNumber, declared: EvidenceRecord[], rules: EvidenceRules): void {
  const candidates = declared.filter((r) => r.benchmark === c.benchmark && (r.model === undefined || modelRelation(r.model, c.model, rules) === 'same'));
  const match = candidates.find((r) => Math.abs(r.value - c.value) <= c.halfUnit + 1e-9) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!match) return;
  const claimSaid = c.metric !== undefined || c.metricVariant !== undefined;
  c.inheritedFrom = match.id;
  if (c.shots === undefined && match.shots !== undefined) c.shots = match.shots;
  if (c.split === undefined && match.split) c.split = match.split;
  if (!claimSaid) {
    c.metric = match.metric;
    if (typeof match.methodology.metricVariant === 'string') c.metricVariant = match.methodology.metricVariant;
  }
}

type Relation = 'same' | 'unknown' | 'related' | 'other';

function relationOf(c: ClaimedNumber, r: EvidenceRecord, rules: EvidenceRules): Relation {
  if (r.model === undefined) return 'unknown';
  return modelRelation(c.model, r.model, rules);
}

function score(c: ClaimedNumber, r: EvidenceRecord): number {
  let s = 0;
  const usual = c.metric === undefined && c.metricVariant === undefined;
  if (r.metric === (c.metric ?? c.defaultMetric)) s += 8;
  if ((r.methodology.metricVariant ?? undefined) === (usual ? c.defaultVariant : c.metricVariant)) s += 4;
  if (c.shots !== undefined && r.shots === c.shots) s += 2;
  // The same split (LibriSpeech test-other vs test-clean) is the same measurement; another split is not.
  if (c.split !== undefined && r.split !== undefined) s += c.split.toLowerCase() === r.split.toLowerCase() ? 3 : -3;
  if (r.tier === 'harness') s += 0.5;
  return s;
}

function bySource(records: EvidenceRecord[]): Map<string, EvidenceRecord[]> {
  const m = new Map<string, EvidenceRecord[]>();
  for (const r of records) m.set(r.source, [...(m.get(r.source) ?? []), r]);
  return m;
}

/** `evidence`: the records by benchmark, each list in evidence order. */
function linkOne(c: ClaimedNumber, cardName: string, cardDocId: string, evidence: ReadonlyMap<string, EvidenceRecord[]>, names: Names, rules: EvidenceRules): Link[] {
  const fromThisCard = (r: EvidenceRecord): boolean => r.id.startsWith(`${cardDocId}:`) || (r.tier !== 'harness' && r.source === cardName);
  const allowed = (r: EvidenceRecord): boolean => {
    if (r.id === c.selfRecordId || r.benchmark !== c.benchmark) return false;
    if (!fromThisCard(r)) return true;
    if (c.origin === 'model-index') return false;
    if (c.origin === 'table') return r.tier === 'declared';
    return !r.id.startsWith(`${c.claimId}:`);
  };
  const candidates = (evidence.get(c.benchmark) ?? []).filter(allowed);
  const usable = candidates.filter((r) => {
    const rel = relationOf(c, r, rules);
    return rel === 'same' || (c.own && rel === 'unknown');
  });
  const links: Link[] = [];
  const emit = (records: EvidenceRecord[], relation: 'same' | 'unknown' | 'related'): void => {
    for (const recs of bySource(records).values()) {
      const ranked = [...recs].sort((a, b) => score(c, b) - score(c, a));
      const best = ranked[0]!;
      const rel = relation === 'related' ? 'related' : (relationOf(c, best, rules) as 'same' | 'unknown');
      const j = judge(c, best, rules, rel);
      const siblings = ranked.slice(1).filter((r) => r.metric === best.metric && r.methodology.metricVariant !== best.methodology.metricVariant);
      let note = j.note;
      if (siblings.length) note += ` The same file also gives ${siblings.map((s) => `${fmt(s.value)} with ${s.methodology.metricVariant ?? 'no filter'}`).join(', ')}.`;
      if (c.inheritedFrom) note += ` Methodology taken from the card's model-index entry ${c.inheritedFrom}.`;
      links.push({ claimId: c.claimId, quantityIndex: c.quantityIndex, evidenceIds: [best.id, ...siblings.map((s) => s.id)], verdict: j.verdict, expected: j.expected, observed: j.observed, tolerance: j.tolerance, note });
    }
  };
  if (usable.length) emit(usable, 'same');
  else if (c.own) {
    const related = candidates.filter((r) => relationOf(c, r, rules) === 'related');
    if (related.length) emit(related, 'related');
  }
  if (links.length === 0 && c.own) {
    links.push({
      claimId: c.claimId,
      quantityIndex: c.quantityIndex,
      evidenceIds: [],
      verdict: 'unverified',
      expected: c.value,
      note: `Unverified: no evaluation evidence for ${c.benchmark} (${c.model}) backs the claimed ${c.raw}.`,
    });
  }
  return links;
}

/** Link every card number (model-index entries, table rows, prose) to evidence with a verdict. */
export function linkQuantities(cards: JudgedDocument[], evidence: EvidenceRecord[], rules: RuleSet): Link[] {
  const names = namesFor(rules);
  const er = evidenceRules(rules);
  const variants = new Set(evidence.map((r) => r.methodology.metricVariant).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));
  const byBenchmark = new Map<string, EvidenceRecord[]>();
  for (const r of evidence) {
    const list = byBenchmark.get(r.benchmark);
    if (list) list.push(r);
    else byBenchmark.set(r.benchmark, [r]);
  }
  const links: Link[] = [];
  for (const card of cards) {
    const cardModel = cardModelName(card);
    const prefix = `${card.doc.id}:model-index:`;
    const declared = evidence
      .filter((r) => r.id.startsWith(prefix))
      .sort((a, b) => Number(a.id.slice(prefix.length)) - Number(b.id.slice(prefix.length)));
    const claimed: ClaimedNumber[] = declared.map((r) => declaredAsClaimed(r, card.doc.id, cardModel, names));
    const sentences = new Map(card.sentences.map((s) => [s.id, s]));
    for (const claim of card.claims) {
      claim.quantities.forEach((q, qi) => {
        const c = quantityAsClaimed(claim, q, qi, sentences.get(claim.sentenceId), cardModel, names, er, variants);
        if (!c) return;
        if (c.own) inherit(c, declared, er);
        claimed.push(c);
      });
    }
    for (const c of claimed) links.push(...linkOne(c, card.doc.name, card.doc.id, byBenchmark, names, er));
  }
  return links;
}

