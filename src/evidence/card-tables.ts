/**
 * A card's own numbers as evidence: its `model-index` front matter (tier 'declared') and the
 * quantities its table rows and prose state about its own model (tier 'self-reported').
 *
 * Ids: a model-index result is `${docId}:model-index:${i}` (i = its index among the flat results,
 * in document order); a self-reported number is `${claimId}:q${quantityIndex}`. The linker uses the
 * model-index id as the claimId of the Link that checks that entry against other evidence.
 */
import type { Diagnostic, EvidenceRecord, Quantity } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { Names } from './names.ts';
import type { EvidenceRules } from './evidence-rules.ts';
import { parseModelIndex, modelIndexRaw } from './model-index.ts';
import { toRecords } from './record.ts';

/** Id of the declared record (and synthetic claim) for the i-th flat model-index result of a document. */
export function modelIndexId(docId: string, i: number): string {
  return `${docId}:model-index:${i}`;
}

/** The record is one of the card's own model-index or code-table entries (its origin says so, not its id). */
export function isCardEntryOf(r: EvidenceRecord, docId: string): boolean {
  return r.origin !== undefined && r.origin.kind !== 'sentence' && r.origin.docId === docId;
}

/** Id of the self-reported record for a claim's quantity. */
export function selfReportedId(claimId: string, quantityIndex: number): string {
  return `${claimId}:q${quantityIndex}`;
}

/** The card's model name: model-index[0].name, else `model_name` metadata, else its first heading, else the file name. */
export function cardModelName(card: JudgedDocument): string {
  const mi = card.doc.metadata['model-index'];
  if (Array.isArray(mi) && mi[0] && typeof mi[0] === 'object' && typeof (mi[0] as { name?: unknown }).name === 'string') {
    return (mi[0] as { name: string }).name;
  }
  if (typeof card.doc.metadata.model_name === 'string') return card.doc.metadata.model_name;
  const h = card.doc.blocks.find((b) => b.kind === 'heading');
  if (h && h.text.trim()) return h.text.replace(/^\s*model card (for|of)\s+/i, '').trim();
  return card.doc.name.replace(/\.[a-z]+$/i, '');
}

/** Declared records from the card's model-index. Invalid model-index → a warning diagnostic and no records. */
export function declaredRecords(card: JudgedDocument, names: Names, rules: EvidenceRules): { records: EvidenceRecord[]; warnings: Diagnostic[] } {
  const mi = card.doc.metadata['model-index'];
  if (mi === undefined || mi === null) return { records: [], warnings: [] };
  const parsed = parseModelIndex(mi, { file: card.doc.name, lenient: true });
  const ids = parsed.results.map((_, i) => modelIndexId(card.doc.id, i));
  const { records } = toRecords(parsed.results.map((r) => modelIndexRaw(r, rules.modelIndex.datasetNamePrefixes)), {
    names,
    rules,
    source: card.doc.name,
    format: 'model-index',
    tier: 'declared',
    idPrefix: `${card.doc.id}:model-index`,
    idOf: (_raw, i) => ids[i]!,
  });
  // Each record says which model-index entry it is (the linker checks it as a claimed number).
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const r of records) r.origin = { kind: 'model-index', docId: card.doc.id, index: index.get(r.id)! };
  return { records, warnings: parsed.warnings };
}

/** A quantity's value on the percent scale when its metric is a rate (0.684 → 68.4). */
export function quantityValue(q: Quantity, metric: string | undefined, names: Names): { value: number; halfUnit: number } {
  const rate = metric === undefined || names.metric(metric)?.rate !== false;
  const factor = q.scale === 'fraction' && rate ? 100 : 1;
  return { value: Number((q.value * factor).toPrecision(12)), halfUnit: 0.5 * 10 ** -q.precision * factor };
}

/** Self-reported records: every quantity with a benchmark that the card states about its own model. */
export function selfReportedRecords(card: JudgedDocument, names: Names): EvidenceRecord[] {
  const model = cardModelName(card);
  const out: EvidenceRecord[] = [];
  for (const claim of card.claims) {
    claim.quantities.forEach((q, qi) => {
      if (!q.benchmark || q.ownModel === false) return;
      if (q.model !== undefined && q.ownModel !== true) return;
      const benchmark = names.benchmark(q.benchmark)?.name ?? q.benchmark;
      const facts = names.info(benchmark);
      const resolved = q.metric ? names.metric(q.metric) : undefined;
      const metric = resolved?.name ?? q.metric ?? facts?.primaryMetric;
      const { value } = quantityValue(q, metric, names);
      const record: EvidenceRecord = {
        id: selfReportedId(claim.id, qi),
        source: card.doc.name,
        location: claim.sentenceId,
        format: 'card-table',
        tier: 'self-reported',
        model: q.model ?? model,
        benchmark,
        benchmarkText: q.benchmarkText ?? q.benchmark,
        metric: metric ?? 'score',
        value,
        rawValue: q.raw,
        methodology: q.conditions?.length ? { conditions: q.conditions } : {},
        origin: { kind: 'sentence', docId: card.doc.id, claimId: claim.id, quantityIndex: qi },
      };
      if (resolved?.variant) record.methodology.metricVariant = resolved.variant;
      if (q.stderr !== undefined) record.stderr = q.stderr;
      if (q.shots !== undefined) record.shots = q.shots;
      if (q.split) record.split = q.split;
      out.push(record);
    });
  }
  return out;
}
