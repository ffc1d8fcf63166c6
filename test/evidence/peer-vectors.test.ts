/**
 * huggingface_hub's own model-index and .eval_results cases, as data (../shared/peer-vectors).
 * Every vector runs; each `expect` is compared field by field and in order, each `expectError` must
 * reject with EVIDENCE_MALFORMED (lenient vectors: a warning and no results).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitFrontMatter } from '../../src/evidence/front-matter.ts';
import { parseModelIndex, type ModelIndexResult } from '../../src/evidence/model-index.ts';
import { parseEvalResults, type EvalResultEntry } from '../../src/evidence/eval-results.ts';
import { parseYamlEvidence } from '../../src/evidence/parse-source.ts';
import { isWarrantError } from '../../src/model/errors.ts';

const DIR = fileURLToPath(new URL('../../../shared/peer-vectors/', import.meta.url));

interface Vector {
  name: string;
  inputKind: 'metadata' | 'card' | 'eval-results-file' | 'api-response';
  input: string;
  modelName?: string;
  options?: { ignore_metadata_errors?: boolean };
  expect?: Array<Record<string, unknown>>;
  expectError?: string;
  expectWarning?: string;
  expectMetadata?: Record<string, unknown> | null;
  expectBody?: string;
  expectBodyContains?: string;
}

function vectors(file: string): Vector[] {
  return (JSON.parse(readFileSync(DIR + file, 'utf8')) as { vectors: Vector[] }).vectors;
}

/** huggingface_hub field names → ours: snake_case → camelCase; metric_value, verify_token etc. keep their meaning. */
const FIELD: Record<string, string> = { dataset_id: 'datasetId', task_id: 'taskId' };
function ours(key: string): string {
  return FIELD[key] ?? key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function compare(actual: Array<object>, expected: Array<Record<string, unknown>>): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((exp, i) => {
    const got = actual[i] as Record<string, unknown>;
    for (const [k, v] of Object.entries(exp)) {
      const value = got[ours(k)];
      if (v === null) expect(value ?? null, `${i}.${k}`).toBeNull();
      else expect(value, `${i}.${k}`).toEqual(v);
    }
  });
}

interface Outcome {
  results: Array<ModelIndexResult | EvalResultEntry>;
  warnings: string[];
  metadata?: Record<string, unknown> | null;
  body?: string;
}

function run(v: Vector): Outcome {
  const file = `${v.name}.yaml`;
  const lenient = v.options?.ignore_metadata_errors === true;
  if (v.inputKind === 'eval-results-file' || v.inputKind === 'api-response') {
    const parsed = parseYamlEvidence(v.input, file);
    return { results: parseEvalResults(parsed.value, file, parsed.lineOf), warnings: [] };
  }
  let metadata: Record<string, unknown> | null;
  let body: string | undefined;
  let lineOf: ((p: Array<string | number>) => number | undefined) | undefined;
  const warnings: string[] = [];
  if (v.inputKind === 'metadata') {
    const parsed = parseYamlEvidence(v.input, file);
    metadata = parsed.value as Record<string, unknown>;
    lineOf = parsed.lineOf;
  } else {
    const fm = splitFrontMatter(v.input, file);
    metadata = fm.metadata;
    body = fm.body;
    if (metadata === null) warnings.push('no metadata block');
  }
  if (!metadata || !('model-index' in metadata)) return { results: [], warnings, metadata, body };
  const parsed = parseModelIndex(metadata['model-index'], { file, lineOf, lenient });
  return { results: parsed.results, warnings: [...warnings, ...parsed.warnings.map((w) => w.message)], metadata, body };
}

for (const file of ['hf-model-index.json', 'hf-eval-results.json']) {
  describe.skipIf(!existsSync(DIR + file))(`peer vectors: ${file}`, () => {
    const list = existsSync(DIR + file) ? vectors(file) : [];
    it('has vectors', () => {
      expect(list.length).toBeGreaterThan(0);
    });
    for (const v of list) {
      it(v.name, () => {
        if (v.expectError !== undefined) {
          let caught: unknown;
          try {
            run(v);
          } catch (e) {
            caught = e;
          }
          expect(isWarrantError(caught), `expected a rejection: ${v.expectError}`).toBe(true);
          if (isWarrantError(caught)) {
            expect(caught.code).toBe('EVIDENCE_MALFORMED');
            expect(caught.file).toBe(`${v.name}.yaml`);
          }
          return;
        }
        const out = run(v);
        compare(out.results, v.expect ?? []);
        if (v.modelName !== undefined) for (const r of out.results) expect((r as ModelIndexResult).modelName).toBe(v.modelName);
        if (v.expectWarning !== undefined) expect(out.warnings.length).toBeGreaterThan(0);
        if ('expectMetadata' in v) {
          // null = no block found; {} = empty card data. Both mean "no metadata" to Warrant.
          const empty = v.expectMetadata === null || Object.keys(v.expectMetadata ?? {}).length === 0;
          if (empty) expect(Object.keys(out.metadata ?? {})).toHaveLength(0);
          else expect(out.metadata).toEqual(v.expectMetadata);
        }
        if (v.expectBody !== undefined) expect(out.body).toBe(v.expectBody);
        if (v.expectBodyContains !== undefined) expect(out.body ?? v.input).toContain(v.expectBodyContains);
      });
    }
  });
}
