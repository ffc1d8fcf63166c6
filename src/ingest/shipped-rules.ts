/**
 * The shipped rules/segmentation.yaml as ingestion reads it: word lists that structure a document
 * (division words of contracts) are data, validated at load like every rule file. Ingestion takes no
 * rule set, so it reads the shipped file, once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile, SHIPPED_RULES_DIR } from '../rules/load.ts';
import type { RuleData } from '../rules/kinds/index.ts';

let shipped: RuleData<'segmentation'> | undefined;

/** The shipped segmentation rules (rules/segmentation.yaml), parsed and validated once. */
export function shippedSegmentationRules(): RuleData<'segmentation'> {
  if (!shipped) {
    const path = 'segmentation.yaml';
    shipped = parseRuleFile(path, readFileSync(join(SHIPPED_RULES_DIR, path), 'utf8'), SHIPPED_RULES_DIR).data as RuleData<'segmentation'>;
  }
  return shipped;
}
