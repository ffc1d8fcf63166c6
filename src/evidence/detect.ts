/**
 * Evidence format detection from content (never from the extension alone). An unknown file is
 * EVIDENCE_UNKNOWN_FORMAT naming the formats understood; a file that is recognisably JSON or YAML
 * but broken is EVIDENCE_MALFORMED with its place.
 */
import { WarrantError } from '../model/errors.ts';
import { parseJsonEvidence, parseYamlEvidence, type YamlEvidence } from './parse-source.ts';
import { hasFrontMatter, splitFrontMatter } from './front-matter.ts';
import { looksLikeLmEval } from './lm-eval.ts';
import { looksLikeMteb } from './mteb.ts';
import { looksLikeEvalResults } from './eval-results.ts';
import { looksLikeCsv } from './csv.ts';
import { looksLikeMakeTable } from './lm-eval-markdown.ts';
import { malformed } from './parse-source.ts';

/** The evidence formats Warrant reads, in words (for the unknown-format error and docs). */
export const UNDERSTOOD_FORMATS = [
  'lm-evaluation-harness results JSON (0.4+ "acc,none" keys, or 0.3 `results` + `versions`)',
  'lm-evaluation-harness Markdown log (`|Task|Version|Metric|Value|` tables, "Average:" lines)',
  'Open LLM Leaderboard result JSON (v1 `harness|task|shots` keys with `config_general`, or v2 `leaderboard_*` tasks)',
  'MTEB result JSON (`scores` per split, `main_score`, `mteb_version`)',
  'Hugging Face model-index (card front matter, or a YAML/JSON mapping with a `model-index` key)',
  'Hugging Face .eval_results YAML (a list of `dataset` / `value` entries)',
  'CSV with a header row (benchmark or task, metric, value, model, shots, ...)',
] as const;

/** A detected evidence file with its parsed content. */
export type DetectedEvidence =
  | { kind: 'lm-eval'; value: unknown }
  | { kind: 'lm-eval-markdown'; text: string }
  | { kind: 'leaderboard-v1'; value: unknown }
  | { kind: 'mteb'; value: unknown }
  | { kind: 'model-index'; value: unknown; lineOf?: YamlEvidence['lineOf'] }
  | { kind: 'eval-results'; value: unknown; lineOf?: YamlEvidence['lineOf'] }
  | { kind: 'csv'; text: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Error for content that is no known evidence format. */
export function unknownFormat(file: string, what: string): WarrantError {
  return new WarrantError(
    'EVIDENCE_UNKNOWN_FORMAT',
    `${what}; Warrant reads these evidence formats: ${UNDERSTOOD_FORMATS.join('; ')}`,
    { file },
  );
}

/** Open LLM Leaderboard v1 details/results: `results` keyed "harness|arc:challenge|25" (and "all"), with `config_general`. */
export function looksLikeLeaderboardV1(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.results)) return false;
  return Object.keys(value.results).some((k) => /^[\w-]+\|[^|]+\|\d+$/.test(k));
}

function fromParsed(value: unknown, file: string, lineOf?: YamlEvidence['lineOf']): DetectedEvidence | undefined {
  if (looksLikeLeaderboardV1(value)) return { kind: 'leaderboard-v1', value };
  if (looksLikeLmEval(value)) return { kind: 'lm-eval', value };
  // MTEB's model_meta.json sits beside the task files: it names the model but holds no result.
  if (isRecord(value) && typeof value.name === 'string' && ('n_parameters' in value || 'embed_dim' in value) && 'revision' in value && !('scores' in value)) {
    throw malformed(file, `this is MTEB model metadata for ${value.name} (revision ${String(value.revision)}) and holds no result; give the task result files beside it`);
  }
  if (looksLikeMteb(value)) return { kind: 'mteb', value };
  if (looksLikeEvalResults(value)) return { kind: 'eval-results', value, lineOf };
  if (isRecord(value) && 'model-index' in value) return { kind: 'model-index', value: value['model-index'], lineOf: lineOf && ((p) => lineOf(['model-index', ...p.slice(1)])) };
  void file;
  return undefined;
}

/** Looks like YAML: a first meaningful line that is a list item or a `key:` pair. */
function looksLikeYaml(text: string, file: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first !== undefined && /^(---\s*$|-\s|[\w"'.-]+\s*:(\s|$))/.test(first);
}

/** Detect and parse an evidence file's text. */
export function detectEvidence(text: string, file: string): DetectedEvidence {
  const head = text.trimStart();
  if (head === '') throw new WarrantError('EMPTY_INPUT', `${file} is empty`, { file });
  if (head.startsWith('{') || head.startsWith('[')) {
    const value = parseJsonEvidence(text, file);
    const found = fromParsed(value, file);
    if (found) return found;
    throw unknownFormat(file, 'this JSON is not a known evidence format');
  }
  if (hasFrontMatter(text)) {
    const fm = splitFrontMatter(text, file);
    if (fm.metadata && 'model-index' in fm.metadata) {
      const reparsed = parseYamlEvidence(/^(\s*---[\r\n]+)([\S\s]*?)[\r\n]+---/.exec(text)![2]!, file, fm.yamlLineOffset);
      return { kind: 'model-index', value: fm.metadata['model-index'], lineOf: (p) => reparsed.lineOf(['model-index', ...p.slice(1)]) };
    }
    throw unknownFormat(file, 'this card has no `model-index` in its front matter');
  }
  if (looksLikeMakeTable(text)) return { kind: 'lm-eval-markdown', text };
  if (looksLikeCsv(text, file)) return { kind: 'csv', text };
  if (looksLikeYaml(text, file)) {
    const parsed = parseYamlEvidence(text, file);
    const found = fromParsed(parsed.value, file, parsed.lineOf);
    if (found) return found;
    throw unknownFormat(file, 'this YAML is neither a model-index nor an .eval_results list');
  }
  throw unknownFormat(file, 'the content is not JSON, YAML, CSV or a card with front matter');
}
