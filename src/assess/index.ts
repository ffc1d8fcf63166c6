/**
 * assess: findings from rule definitions and a profile. OWNER: issue 7.
 */
import type { Alignment, EvidenceRecord, Finding, Link } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';

/** Everything assess looks at. */
export interface AssessInput {
  documents: JudgedDocument[];
  evidence: EvidenceRecord[];
  links: Link[];
  alignments: Alignment[];
}

/** Findings for an analysis under a profile, sorted by source order then rule id. */
export function assessFindings(_input: AssessInput, _rules: RuleSet, _profile: string): Finding[] {
  return [];
}
