/**
 * The shipped SARIF 2.1.0 schema (../shared/schemas) compiled with ajv. The file declares
 * draft-04 (`id`, `$schema` draft-04) but uses no keyword whose meaning changed since, so it is
 * compiled as draft-07 after renaming `id` to `$id`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** Path of the shared SARIF schema (absent outside the team's machine). */
export const SARIF_SCHEMA_PATH = fileURLToPath(new URL('../../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url));

/** True when the schema file is present. */
export const HAVE_SARIF_SCHEMA = existsSync(SARIF_SCHEMA_PATH);

let compiled: ValidateFunction | undefined;

/** A validator for SARIF 2.1.0 logs. */
export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  if (typeof schema.id === 'string') {
    schema.$id = schema.id;
    delete schema.id;
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}
