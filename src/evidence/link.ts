/**
 * Claims ↔ evidence. Every number a card states about a benchmark becomes a ClaimedNumber:
 * each model-index entry (claimId = its declared record id; origin 'model-index'), and each
 * quantity of a claim (claimId = the claim id, quantityIndex = its index; origin 'sentence'). Each is linked to the best
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
import type { Claim, ClaimOrigin, EvidenceRecord, Link, Quantity, Sentence } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { Names } from './names.ts';
import type { EvidenceRules } from './evidence-rules.ts';
import { cardModelName, isCardEntryOf, quantityValue, selfReportedId } from './card-tables.ts';
import { modelRelation, sameModelCaveat } from './models.ts';
import { cardOwnModel, ownNamesOf } from './own-names.ts';
import { judgeInText } from './judges.ts';
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
  if (typeof r.methodology.datasetRevision === 'string') c.datasetRevision = r.methodology.datasetRevision;
  if (typeof r.methodology.subset === 'string') c.subset = r.methodology.subset;
  return c;
}

/** The key an average is linked by: the benchmarks it averages ("average of ARC-Easy, BoolQ, ..."). */
export function averageKey(members: readonly string[]): string {
  return `${AVERAGE_PREFIX}${[...new Set(members)].sort().join(', ')}`;
}

const AVERAGE_PREFIX = 'average of ';

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
  blockMembers: readonly string[] = [],
): ClaimedNumber | undefined {
  let benchmarkName = q.benchmark;
  if (!benchmarkName) {
    // An average column of a row ("avg" beside HellaSwag, ARC_e, ...): the average of the row's benchmarks;
    // an average row ("Avg." under benchmark rows): the average of the table's benchmarks for that model.
    let members = claim.quantities.filter((o) => o !== q && o.benchmark && o.model === q.model).map((o) => names.benchmark(o.benchmark!)?.name ?? o.benchmark!);
    if (members.length < 2) members = [...blockMembers];
    if (!q.conditions?.some((x) => /^(average|mean)$/i.test(x)) || members.length < 2) return undefined;
    benchmarkName = averageKey(members);
  }
  const own = q.ownModel === true || (q.ownModel === undefined && q.model === undefined);
  if (!own && !q.model) return undefined;
  const benchmark = q.benchmark ? names.benchmark(q.benchmark)?.name ?? q.benchmark : benchmarkName;
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
  const judgeText = [sentence?.text ?? '', ...(sentence?.context.table?.headers ?? []), ...(q.conditions ?? [])].join(' \n ');
  const judgeName = judgeInText(judgeText, rules.judges.cueWords);
  if (judgeName) c.judge = judgeName;
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
function inherit(c: ClaimedNumber, declared: EvidenceRecord[], rules: EvidenceRules, restates: boolean): void {
  const candidates = declared.filter((r) => r.benchmark === c.benchmark && (r.model === undefined || modelRelation(r.model, c.model, rules) === 'same'));
  // The only entry for the benchmark counts only in a table that restates the metadata (most of its numbers
  // equal entries): elsewhere another number may be another measurement (a card's own zero-shot table beside
  // its leaderboard metadata).
  const match = candidates.find((r) => Math.abs(r.value - c.value) <= c.halfUnit + 1e-9) ?? (restates && candidates.length === 1 ? candidates[0] : undefined);
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
  // An own number is about the card's model under any of the names the card gives it.
  const rels = [c.model, ...(c.own ? c.ownNames ?? [] : [])].map((n) => modelRelation(n, r.model!, rules));
  return rels.includes('same') ? 'same' : rels.includes('related') ? 'related' : 'other';
}

/** The name of the claim's model that matches the record (for notes). */
function matchedName(c: ClaimedNumber, r: EvidenceRecord, rules: EvidenceRules): string {
  if (!r.model) return c.model;
  return [c.model, ...(c.own ? c.ownNames ?? [] : [])].find((n) => modelRelation(n, r.model!, rules) === 'same') ?? c.model;
}

/** How well a record fits a claimed number: the points of rules/evidence.yaml `linking.ranking` it earns. */
function score(c: ClaimedNumber, r: EvidenceRecord, w: EvidenceRules['linking']['ranking']): number {
  let s = 0;
  const usual = c.metric === undefined && c.metricVariant === undefined;
  if (r.metric === (c.metric ?? c.defaultMetric)) s += w.metric;
  if ((r.methodology.metricVariant ?? undefined) === (usual ? c.defaultVariant : c.metricVariant)) s += w.metricVariant;
  if (c.shots !== undefined && r.shots === c.shots) s += w.shots;
  // The same split (LibriSpeech test-other vs test-clean) is the same measurement; another split is not.
  if (c.split !== undefined && r.split !== undefined) s += c.split.toLowerCase() === r.split.toLowerCase() ? w.split : -w.split;
  if (r.tier === 'harness') s += w.harness;
  if (r.methodology.mainScore === true) s += w.mainScore;
  return s;
}

/** Records grouped by source, in order of first appearance (one pass: issue 17 found a copy per record). */
function bySource(records: EvidenceRecord[]): Map<string, EvidenceRecord[]> {
  const m = new Map<string, EvidenceRecord[]>();
  for (const r of records) {
    const list = m.get(r.source);
    if (list) list.push(r);
    else m.set(r.source, [r]);
  }
  return m;
}

/**
 * The records of one benchmark, indexed once: by source, then by model name, each record with its
 * position in evidence order and its kind (what it scores and reads as, see bucketsOf). A claim is
 * judged only against the model groups its model relates to (issue 17: every claim used to walk every
 * record of its benchmark, and ask each one's model relation).
 */
interface BenchmarkIndex {
  sources: Array<{ source: string; byModel: Map<string | undefined, EvidenceRecord[]> }>;
  position: Map<EvidenceRecord, number>;
  /** Each record's kind (kindKey), numbered in order of first appearance. */
  kind: Map<EvidenceRecord, number>;
  /** Per claim identity (card, model, names, own): the records of each source by relation, as buckets. */
  memo: Map<string, SourceBuckets[]>;
}

/** One source's records about the claim's model (usable) and about another member of its family (related). */
interface SourceBuckets {
  usable: Bucket[];
  related: Bucket[];
}

function indexBenchmarks(byBenchmark: ReadonlyMap<string, EvidenceRecord[]>): Map<string, BenchmarkIndex> {
  const out = new Map<string, BenchmarkIndex>();
  for (const [benchmark, records] of byBenchmark) {
    const position = new Map<EvidenceRecord, number>();
    const kind = new Map<EvidenceRecord, number>();
    const kinds = new Map<string, number>();
    const sources: BenchmarkIndex['sources'] = [];
    const bySrc = new Map<string, Map<string | undefined, EvidenceRecord[]>>();
    records.forEach((r, i) => {
      position.set(r, i);
      const key = kindKey(r);
      let k = kinds.get(key);
      if (k === undefined) kinds.set(key, (k = kinds.size));
      kind.set(r, k);
      let byModel = bySrc.get(r.source);
      if (!byModel) {
        byModel = new Map();
        bySrc.set(r.source, byModel);
        sources.push({ source: r.source, byModel });
      }
      const list = byModel.get(r.model);
      if (list) list.push(r);
      else byModel.set(r.model, [r]);
    });
    out.set(benchmark, { sources, position, kind, memo: new Map() });
  }
  return out;
}

/** What a record scores and reads as for any claim, but whether it is a given card's own entry. */
function kindKey(r: EvidenceRecord): string {
  const m = r.methodology;
  return JSON.stringify([
    r.metric,
    m.metricVariant ?? null,
    m.aggregation ?? null,
    r.shots ?? null,
    r.split === undefined ? null : r.split.toLowerCase(),
    r.tier,
    m.mainScore === true,
    typeof m.subset === 'string' ? m.subset : null,
    r.benchmark,
  ]);
}

/** Records that score, filter and read alike for any claim (one list per kind), in evidence order. */
interface Bucket {
  records: EvidenceRecord[];
}

/** A list of one source's records as buckets: one per kind, and per whether a record is the card's own entry. */
function bucketsOf(list: EvidenceRecord[], cardDocId: string, index: BenchmarkIndex): Bucket[] {
  const byKey = new Map<number, Bucket>();
  const out: Bucket[] = [];
  for (const r of list) {
    const key = index.kind.get(r)! * 2 + (isCardEntryOf(r, cardDocId) ? 1 : 0);
    const b = byKey.get(key);
    if (b) b.records.push(r);
    else {
      const nb = { records: [r] };
      byKey.set(key, nb);
      out.push(nb);
    }
  }
  return out;
}

/** A named subset (MTEB language) on both sides must agree; the benchmark key usually carries it already. */
function sameSubset(c: ClaimedNumber, r: EvidenceRecord): boolean {
  const cs = c.subset;
  const rs = typeof r.methodology.subset === 'string' ? r.methodology.subset : undefined;
  return cs === undefined || rs === undefined || cs === rs;
}

/**
 * One claimed number being linked: what every step reads. Module functions take it rather than closures
 * made per number (the transpiler names every such closure with a call: issue 11 measured it).
 */
interface LinkScope {
  c: ClaimedNumber;
  cardName: string;
  cardDocId: string;
  /** The records of the number's benchmark (undefined when the evidence has none). */
  index: BenchmarkIndex | undefined;
  rules: EvidenceRules;
}

/** The record is the card's own: one of its model-index or code-table entries, or read from the card file itself. */
function fromThisCard(r: EvidenceRecord, cardName: string, cardDocId: string): boolean {
  return isCardEntryOf(r, cardDocId) || (r.tier !== 'harness' && r.source === cardName);
}

/**
 * Whether a record may be checked against, in two parts: what its bucket says (source, tier, card),
 * here, and the claim's own records, excluded one by one (`excluded`).
 */
function allowedKind(s: LinkScope, r: EvidenceRecord): boolean {
  const c = s.c;
  if (r.benchmark !== c.benchmark) return false;
  if (!fromThisCard(r, s.cardName, s.cardDocId)) return true;
  if (c.origin === 'model-index') return false;
  if (c.origin === 'table') return r.tier === 'declared';
  return true;
}

function excluded(s: LinkScope, r: EvidenceRecord): boolean {
  const c = s.c;
  return r.id === c.selfRecordId || (c.origin === 'prose' && fromThisCard(r, s.cardName, s.cardDocId) && r.origin?.kind === 'sentence' && r.origin.claimId === c.claimId);
}

function positionOf(s: LinkScope, r: EvidenceRecord): number {
  return s.index!.position.get(r)!;
}

function firstKept(s: LinkScope, b: Bucket): EvidenceRecord | undefined {
  for (const r of b.records) if (!excluded(s, r)) return r;
  return undefined;
}

/** The buckets whose kind the number may be checked against. */
function keptBuckets(s: LinkScope, buckets: Bucket[]): Bucket[] {
  return buckets.filter((b) => allowedKind(s, b.records[0]!) && sameSubset(s.c, b.records[0]!));
}

/** Evidence position of the first record kept in any of the buckets; Infinity when none is. */
function firstPosition(s: LinkScope, buckets: Bucket[]): number {
  let first = Infinity;
  for (const b of buckets) {
    const r = firstKept(s, b);
    if (r) first = Math.min(first, positionOf(s, r));
  }
  return first;
}

/** Records of the buckets whose kind passes `pred`, `best` left out, best first by score, then in evidence order. */
function rankedWhere(s: LinkScope, buckets: Bucket[], best: EvidenceRecord, pred: (r: EvidenceRecord) => boolean): EvidenceRecord[] {
  const out: Array<{ r: EvidenceRecord; s: number; p: number }> = [];
  for (const b of buckets) {
    if (!pred(b.records[0]!)) continue;
    const sc = score(s.c, b.records[0]!, s.rules.linking.ranking);
    for (const r of b.records) if (r !== best && !excluded(s, r)) out.push({ r, s: sc, p: positionOf(s, r) });
  }
  return out.sort((x, y) => y.s - x.s || x.p - y.p).map((x) => x.r);
}

/** How a note names the reading a record gives. */
function readingName(r: EvidenceRecord): string {
  return r.methodology.aggregation ? `the ${String(r.methodology.aggregation)} mean` : (r.methodology.metricVariant ?? `plain ${r.metric}`);
}

/**
 * The link to one source's records, as buckets of records that score and read alike. The best is the first
 * record of the highest score (as a stable sort put it); only the buckets the notes name are listed (issue
 * 17: every candidate was sorted per claim, so a card of n figures on one benchmark cost n²).
 */
function linkToSource(s: LinkScope, buckets: Bucket[], relation: 'same' | 'unknown' | 'related'): Link | undefined {
  const { c, rules } = s;
  let first: EvidenceRecord | undefined;
  let bestScore = -Infinity;
  for (const b of buckets) {
    const r = firstKept(s, b);
    if (!r) continue;
    const sc = score(c, r, rules.linking.ranking);
    if (sc > bestScore || (sc === bestScore && positionOf(s, r) < positionOf(s, first!))) {
      first = r;
      bestScore = sc;
    }
  }
  if (!first) return undefined;
  let best: EvidenceRecord = first;
  const rel = relation === 'related' ? 'related' : (relationOf(c, best, rules) as 'same' | 'unknown');
  let j = judge(c, best, rules, rel);
  let variantNote = '';
  // The claim names no variant and the benchmark has no usual one, while the file gives several (acc and
  // acc_norm): the one the claim agrees with is taken, and the note names the others.
  // A group given both as lm-eval's size-weighted mean and as the unweighted mean of its subtasks (how
  // leaderboards report MMLU): the claim never says which, so it may be either.
  const variantSilent = c.metricVariant === undefined && c.defaultVariant === undefined;
  const alternatives = rankedWhere(
    s,
    buckets,
    best,
    (r) =>
      r.metric === best.metric &&
      ((variantSilent && r.methodology.aggregation === best.methodology.aggregation && r.methodology.metricVariant !== best.methodology.metricVariant) ||
        (r.methodology.aggregation !== best.methodology.aggregation && r.methodology.metricVariant === best.methodology.metricVariant)),
  );
  if (rel !== 'related' && alternatives.length > 0) {
    const options = [best, ...alternatives].map((r) => ({ r, j: judge(c, r, rules, rel, { variantOpen: variantSilent }) }));
    const agreeing = options.filter((o) => o.j.verdict === 'supported' || o.j.verdict === 'self-consistent');
    // Exactly one reading agrees: the claim reports that one. Otherwise the file's first reading is shown.
    const pick = agreeing.length === 1 ? agreeing[0]! : options[0]!;
    best = pick.r;
    j = pick.j;
    variantNote = ` The claim does not say which reading it reports (${options.map((o) => readingName(o.r)).join(' or ')}); ${agreeing.length === 1 ? `it agrees with ${readingName(best)} only` : `${readingName(best)} is shown`}.`;
  }
  const chosen = best;
  const siblings = rankedWhere(s, buckets, chosen, (r) => r.metric === chosen.metric && (r.methodology.metricVariant !== chosen.methodology.metricVariant || r.methodology.aggregation !== chosen.methodology.aggregation));
  let note = j.note + variantNote;
  if (c.modelNote) note += ` The claim's model is read from the table: ${c.modelNote}.`;
  if (best.model && (rel === 'same' || rel === 'related') && best.methodology.modelFrom === 'file name') note += ` The evidence names its model (${best.model}) only in its file name.`;
  if (best.model && rel === 'same') {
    const caveat = sameModelCaveat(matchedName(c, best, rules), best.model, rules);
    if (caveat) note += ` Taken as the same model although ${caveat}.`;
  }
  if (siblings.length) note += ` The same file also gives ${siblings.map((r) => `${fmt(r.value)} with ${r.methodology.aggregation ? `the ${String(r.methodology.aggregation)} mean` : (r.methodology.metricVariant ?? 'no filter')}`).join(', ')}.`;
  if (c.inheritedFrom) note += ` Methodology taken from the card's model-index entry ${c.inheritedFrom}.`;
  return { claimId: c.claimId, quantityIndex: c.quantityIndex, evidenceIds: [best.id, ...siblings.map((r) => r.id)], verdict: j.verdict, expected: j.expected, observed: j.observed, tolerance: j.tolerance, ...(j.direction ? { direction: j.direction } : {}), note };
}

/** `evidence`: the records by benchmark, each list in evidence order. */
function linkOne(c: ClaimedNumber, cardName: string, cardDocId: string, evidence: ReadonlyMap<string, BenchmarkIndex>, rules: EvidenceRules, averages: readonly EvidenceRecord[] = []): Link[] {
  const index = evidence.get(c.benchmark);
  const s: LinkScope = { c, cardName, cardDocId, index, rules };
  const links: Link[] = [];
  // Per file: records about the claim's model (or naming none, for an own number) are judged; a file with
  // none but with records for another size, variant, version or checkpoint of the family gives other-model,
  // for own numbers and comparison rows alike (a base-model row quoting the instruct model's file is not backed).
  // Sources in the order of their first allowed record, as when every record was filtered in turn.
  const ordered: Array<{ buckets: Bucket[]; relation: 'same' | 'related'; first: number }> = [];
  for (const g of index ? groupsFor(c, index, cardName, cardDocId, rules) : []) {
    const usable = keptBuckets(s, g.usable);
    const related = keptBuckets(s, g.related);
    const usableFirst = firstPosition(s, usable);
    const relatedFirst = firstPosition(s, related);
    if (usableFirst < Infinity) ordered.push({ buckets: usable, relation: 'same', first: Math.min(usableFirst, relatedFirst) });
    else if (relatedFirst < Infinity) ordered.push({ buckets: related, relation: 'related', first: relatedFirst });
  }
  ordered.sort((a, b) => a.first - b.first);
  for (const g of ordered) {
    const link = linkToSource(s, g.buckets, g.relation);
    if (link) links.push(link);
  }
  // An average the evidence states over other benchmarks (a leaderboard's 4-benchmark average beside a card's
  // 7-benchmark one) is another quantity: methodology-mismatch, naming both sets.
  if (links.length === 0 && c.benchmark.startsWith(AVERAGE_PREFIX)) {
    const others = averages.filter((r) => !fromThisCard(r, cardName, cardDocId) && r.benchmark !== c.benchmark && (relationOf(c, r, rules) === 'same' || (c.own && relationOf(c, r, rules) === 'unknown')));
    for (const recs of bySource(others).values()) {
      const r = recs[0]!;
      const theirs = (r.methodology.aggregateOf as string[]).join(', ');
      links.push({
        claimId: c.claimId,
        quantityIndex: c.quantityIndex,
        evidenceIds: [r.id],
        verdict: 'methodology-mismatch',
        expected: c.value,
        observed: r.value,
        tolerance: c.halfUnit,
        ...(r.value !== c.value ? { direction: (c.higherIsBetter ? r.value > c.value : r.value < c.value) ? ('better' as const) : ('worse' as const) } : {}),
        note: `Averages over different benchmarks: the claim ${c.raw} is the ${c.benchmark}; the evidence ${fmt(r.value)} in ${r.source}${r.location ? ` at ${r.location}` : ''} is the average of ${theirs}. The two cannot be compared.`,
      });
    }
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

/**
 * Per source, the records about the claim's model (or naming none, for an own number) and, apart, those
 * about another member of its family (not from this card); each list in evidence order, as buckets. Cached
 * per claim identity, so a card of many numbers about one model asks each record's relation once.
 */
function groupsFor(c: ClaimedNumber, index: BenchmarkIndex, cardName: string, cardDocId: string, rules: EvidenceRules): SourceBuckets[] {
  const key = [cardDocId, cardName, c.model, c.own ? '1' : '0', ...(c.own ? c.ownNames ?? [] : [])].join('\u0000');
  const hit = index.memo.get(key);
  if (hit) return hit;
  const byPosition = (a: EvidenceRecord, b: EvidenceRecord): number => index.position.get(a)! - index.position.get(b)!;
  const groups = index.sources.map(({ byModel }) => {
    const usable: EvidenceRecord[] = [];
    const related: EvidenceRecord[] = [];
    for (const recs of byModel.values()) {
      const rel = relationOf(c, recs[0]!, rules);
      if (rel === 'same' || (c.own && rel === 'unknown')) for (const r of recs) usable.push(r);
      else if (rel === 'related') for (const r of recs) if (!fromThisCard(r, cardName, cardDocId)) related.push(r);
    }
    return { usable: bucketsOf(usable.sort(byPosition), cardDocId, index), related: bucketsOf(related.sort(byPosition), cardDocId, index) };
  });
  index.memo.set(key, groups);
  return groups;
}

/** Link every card number (model-index entries, table rows, prose) to evidence with a verdict. */
export function linkQuantities(cards: JudgedDocument[], evidence: EvidenceRecord[], rules: CompiledRules): Link[] {
  const names = rules.names;
  const er = rules.evidence;
  const variants = new Set(evidence.map((r) => r.methodology.metricVariant).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));
  const byBenchmark = new Map<string, EvidenceRecord[]>();
  const index = (key: string, r: EvidenceRecord): void => {
    const list = byBenchmark.get(key);
    if (list) list.push(r);
    else byBenchmark.set(key, [r]);
  };
  for (const r of evidence) {
    index(r.benchmark, r);
    // A suite average ("Average: 52.99" under GPT4All) is also the average of its member benchmarks.
    const members = r.methodology.aggregateOf;
    if (Array.isArray(members) && members.length > 1) {
      const key = averageKey(members as string[]);
      if (key !== r.benchmark) index(key, { ...r, benchmark: key });
    }
  }
  const averages = evidence.filter((r) => Array.isArray(r.methodology.aggregateOf) && (r.methodology.aggregateOf as string[]).length > 1);
  const indexed = indexBenchmarks(byBenchmark);
  const links: Link[] = [];
  // The records each card's model-index and code blocks gave, by card (in evidence order).
  const statedIn = new Map<string, EvidenceRecord[]>();
  for (const r of evidence) {
    const o = r.origin;
    if (o === undefined || (o.kind !== 'model-index' && o.kind !== 'code-block')) continue;
    const list = statedIn.get(o.docId);
    if (list) list.push(r);
    else statedIn.set(o.docId, [r]);
  }
  for (const card of cards) {
    const cardModel = cardModelName(card);
    const stated = statedIn.get(card.doc.id) ?? [];
    const ownNames = ownNamesOf(card, rules);
    // Where each claimed number is stated, for its links (model-index and code-table entries: their record's origin).
    const originOf = new Map<ClaimedNumber, ClaimOrigin>();
    const indexIn = (r: EvidenceRecord, kind: 'model-index' | 'code-block'): number | undefined => {
      const o = r.origin;
      return o !== undefined && o.kind === kind && o.docId === card.doc.id ? o.index : undefined;
    };
    const declared = stated.filter((r) => indexIn(r, 'model-index') !== undefined).sort((a, b) => indexIn(a, 'model-index')! - indexIn(b, 'model-index')!);
    const claimed: ClaimedNumber[] = declared.map((r) => declaredAsClaimed(r, card.doc.id, cardModel, names));
    claimed.forEach((c, i) => originOf.set(c, declared[i]!.origin!));
    // Numbers the card prints in code blocks (pasted harness tables, fenced comparison tables).
    for (const r of stated) {
      if (indexIn(r, 'code-block') === undefined) continue;
      const c = declaredAsClaimed(r, card.doc.id, cardModel, names);
      originOf.set(c, r.origin!);
      c.origin = 'table';
      c.own = r.methodology.ownModel === true;
      if (!c.own) delete c.selfRecordId;
      c.selfRecordId = r.id;
      const facts = names.info(r.benchmark);
      if (facts?.primaryMetric && r.metric === facts.primaryMetric && r.methodology.metricVariant === undefined && !r.methodology.codeMetricStated) {
        // A bare number in a comparison table: the benchmark's usual metric, as for any table cell.
        delete c.metric;
        c.defaultMetric = facts.primaryMetric;
        if (facts.primaryVariant) c.defaultVariant = facts.primaryVariant;
      }
      if (typeof r.methodology.modelNote === 'string') c.modelNote = r.methodology.modelNote;
      claimed.push(c);
    }
    const sentences = new Map(card.sentences.map((s) => [s.id, s]));
    const pending: Array<{ c: ClaimedNumber; block: string }> = [];
    // Benchmarks each table states per model (for its average rows).
    const blockBenchmarks = new Map<string, Set<string>>();
    for (const claim of card.claims) {
      const block = sentences.get(claim.sentenceId)?.blockId ?? claim.sentenceId;
      for (const q of claim.quantities) {
        if (!q.benchmark) continue;
        const key = `${block}\u0000${q.model ?? ''}`;
        const set = blockBenchmarks.get(key) ?? new Set<string>();
        set.add(names.benchmark(q.benchmark)?.name ?? q.benchmark);
        blockBenchmarks.set(key, set);
      }
    }
    for (const claim of card.claims) {
      const blockId = sentences.get(claim.sentenceId)?.blockId ?? claim.sentenceId;
      claim.quantities.forEach((q, qi) => {
        const members = [...(blockBenchmarks.get(`${blockId}\u0000${q.model ?? ''}`) ?? [])];
        const c = quantityAsClaimed(claim, q, qi, sentences.get(claim.sentenceId), cardModel, names, er, variants, members);
        if (c) originOf.set(c, { kind: 'sentence', docId: card.doc.id, claimId: claim.id, quantityIndex: qi });
        if (c) pending.push({ c, block: sentences.get(claim.sentenceId)?.blockId ?? claim.sentenceId });
      });
    }
    const restating = restatingBlocks(pending, declared);
    for (const { c, block } of pending) {
      {
        if (c.own) inherit(c, declared, er, restating.has(block));
        claimed.push(c);
      }
    }
    for (const c of claimed) {
      // The card's other names stand for a number only when it is about the card's model as such, not a
      // column naming one variant of it ("Llama 3.2 1B QLoRA").
      if (c.own && (c.model === cardModel || ownNames.includes(c.model) || ownModelDisplay(card, rules) === c.model)) c.ownNames = ownNames;
      const origin = originOf.get(c);
      for (const l of linkOne(c, card.doc.name, card.doc.id, indexed, er, averages)) {
        // Added last, as a copy with the origin would put it (and a link is new to each claim: no copy needed).
        if (origin) l.origin = origin;
        links.push(l);
      }
    }
  }
  return links;
}

/**
 * Blocks (tables) that restate the card's model-index: at least half of their own numbers on benchmarks
 * the metadata lists equal an entry at the precision shown.
 */
function restatingBlocks(pending: Array<{ c: ClaimedNumber; block: string }>, declared: EvidenceRecord[]): Set<string> {
  const tally = new Map<string, { on: number; equal: number }>();
  for (const { c, block } of pending) {
    if (!c.own) continue;
    const entries = declared.filter((r) => r.benchmark === c.benchmark);
    if (entries.length === 0) continue;
    const t = tally.get(block) ?? { on: 0, equal: 0 };
    t.on++;
    if (entries.some((r) => Math.abs(r.value - c.value) <= c.halfUnit + 1e-9)) t.equal++;
    tally.set(block, t);
  }
  return new Set([...tally].filter(([, t]) => t.equal * 2 >= t.on).map(([b]) => b));
}

function ownModelDisplay(card: JudgedDocument, rules: CompiledRules): string | undefined {
  return cardOwnModel(card, rules).display;
}
