/** Scope coverage (placeholder while being written). */
import type { EvidenceRecord, Link } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import type { JudgedDocument } from './judged.ts';

/** Scope claims checked against the domains and languages the evidence covers. */
export function scopeCoverage(_cards: JudgedDocument[], _evidence: EvidenceRecord[], _rules: RuleSet): Link[] {
  return [];
}
