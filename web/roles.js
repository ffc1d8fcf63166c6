// @ts-check
/**
 * The roles a file can play, with the words the page shows, and the preset role of a new upload.
 * The page keeps no rules of its own: the server guesses (POST /api/roles/guess, the same guess an
 * analysis makes, from rules/roles.yaml) and the preset is only a default the user can change.
 */
import { apiJson } from './api.js';

/** The roles a file can play, with the words the page shows. */
export const ROLES = /** @type {const} */ ([
  { value: 'model-card', label: 'Model card' },
  { value: 'contract', label: 'Contract' },
  { value: 'evidence', label: 'Evidence (eval results)' },
  { value: 'auto', label: 'Let the server decide' },
]);

/** Files whose start the server reads to guess (text); PDF and DOCX are guessed from their name. */
const TEXT_NAME = /\.(md|markdown|mdx|txt|text|json|jsonl|csv|tsv|ya?ml)$|^[^.]*$/i;

/** How much of a text file the guess reads. */
const HEAD_BYTES = 16384;

/**
 * Ask the server which role a file would get: its name, and the start of its text for text files.
 * "auto" (let the server decide) when the server cannot be asked.
 * @param {File} file
 * @returns {Promise<'model-card' | 'contract' | 'evidence' | 'auto'>}
 */
export async function guessRole(file) {
  /** @type {{name: string, text?: string}} */
  const body = { name: file.name };
  if (TEXT_NAME.test(file.name) && file.size > 0) {
    const text = await file.slice(0, HEAD_BYTES).text().catch(() => undefined);
    if (text !== undefined) body.text = text.slice(0, HEAD_BYTES);
  }
  try {
    const res = /** @type {{role: 'model-card' | 'contract' | 'evidence' | null}} */ (
      await apiJson('/api/roles/guess', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    );
    return res?.role ?? 'auto';
  } catch {
    return 'auto';
  }
}

/** Human label for a role value. @param {string} role */
export function roleLabel(role) {
  return ROLES.find((r) => r.value === role)?.label ?? role;
}
