/**
 * The detector of every finding, keyed by finding id: the type requires exactly one per id of FINDING_IDS,
 * and the catalogue (rules/findings.yaml) is checked at load to define exactly those ids.
 */
import type { FindingId } from '../../model/types.ts';
import type { Detector } from '../context.ts';
import { representationWithoutEvidence } from './representation-without-evidence.ts';
import { performanceContradicted } from './performance-contradicted.ts';
import { performanceUnderstated } from './performance-understated.ts';
import { modelIndexDisagreement } from './model-index-disagreement.ts';
import { numberWithoutMethodology } from './number-without-methodology.ts';
import { evidenceOtherModel } from './evidence-other-model.ts';
import { evidenceStale } from './evidence-stale.ts';
import { scopeWithoutCoverage } from './scope-without-coverage.ts';
import { contractHedgeRemoved } from './contract-hedge-removed.ts';
import { contractModalityStrengthened } from './contract-modality-strengthened.ts';
import { contractNumberChanged } from './contract-number-changed.ts';
import { contractScopeBroadened } from './contract-scope-broadened.ts';
import { contractQualifierDropped } from './contract-qualifier-dropped.ts';
import { contractNegationFlipped } from './contract-negation-flipped.ts';
import { wholeDocumentIncorporation } from './whole-document-incorporation.ts';
import { incorporatedDocumentMissing } from './incorporated-document-missing.ts';
import { evidenceMissingSummary } from './evidence-missing-summary.ts';
import { vagueSuperlative } from './vague-superlative.ts';
import { imageOnlyContent } from './image-only-content.ts';
import { missingLimitations } from './missing-limitations.ts';
import { inputDiagnostic } from './input-diagnostic.ts';
import { invalidSuppression } from './invalid-suppression.ts';

/** One detector per finding id. */
export const DETECTORS: { readonly [K in FindingId]: Detector<K> } = {
  'representation-without-evidence': representationWithoutEvidence,
  'performance-contradicted': performanceContradicted,
  'performance-understated': performanceUnderstated,
  'model-index-disagreement': modelIndexDisagreement,
  'number-without-methodology': numberWithoutMethodology,
  'evidence-other-model': evidenceOtherModel,
  'evidence-stale': evidenceStale,
  'scope-without-coverage': scopeWithoutCoverage,
  'contract-hedge-removed': contractHedgeRemoved,
  'contract-modality-strengthened': contractModalityStrengthened,
  'contract-number-changed': contractNumberChanged,
  'contract-scope-broadened': contractScopeBroadened,
  'contract-qualifier-dropped': contractQualifierDropped,
  'contract-negation-flipped': contractNegationFlipped,
  'whole-document-incorporation': wholeDocumentIncorporation,
  'incorporated-document-missing': incorporatedDocumentMissing,
  'evidence-missing-summary': evidenceMissingSummary,
  'vague-superlative': vagueSuperlative,
  'image-only-content': imageOnlyContent,
  'missing-limitations': missingLimitations,
  'input-diagnostic': inputDiagnostic,
  'invalid-suppression': invalidSuppression,
};

/** Detectors that summarise other findings: they run after suppressions, on the first pass's findings. */
export const SUMMARY_DETECTORS: readonly FindingId[] = ['evidence-missing-summary'];
