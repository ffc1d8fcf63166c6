/**
 * The shipped rules/segmentation.yaml as ingestion reads it: word lists that structure a document
 * (division words of contracts) are data, validated at load like every rule file. Ingestion takes no
 * rule set, so it reads the shipped file, once.
 */
import { shippedRuleFile } from '../rules/load.ts';
import type { RuleData } from '../rules/kinds/index.ts';

/** The shipped segmentation rules (rules/segmentation.yaml), parsed and validated once. */
export function shippedSegmentationRules(): RuleData<'segmentation'> {
  return shippedRuleFile('segmentation.yaml').data as RuleData<'segmentation'>;
}
