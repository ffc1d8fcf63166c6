/**
 * A first guess at each upload's role from its name (and, for text files, a glance at the words).
 * Only a default for the select the user can change; the server's own guess is used when the user
 * picks "Let the server decide".
 */

/** The roles a file can play, with the words the page shows. */
export const ROLES = /** @type {const} */ ([
  { value: 'model-card', label: 'Model card' },
  { value: 'contract', label: 'Contract' },
  { value: 'evidence', label: 'Evidence (eval results)' },
  { value: 'auto', label: 'Let the server decide' },
]);

const EVIDENCE_EXT = /\.(json|jsonl|csv|tsv|ya?ml)$/i;
const CONTRACT_NAME = /(contract|schedule|agreement|terms|licen[cs]e|addendum|\bdpa\b|\bmsa\b|exhibit|order[-_ ]?form|sow\b|annex)/i;
const CARD_NAME = /(model[-_ ]?card|readme|card\b|\bcard[-_.])/i;
const EVIDENCE_NAME = /(lm[-_]?eval|results?|leaderboard|eval)/i;
const CONTRACT_WORDS = /\b(agreement|hereby|licensee|licensor|indemnif\w*|warrants?|governing law|the parties|shall)\b/gi;
const CARD_WORDS = /\b(model card|intended use|out-of-scope|training data|evaluation|benchmark|parameters|limitations)\b/gi;

/**
 * Guess a role from a file name alone.
 * @param {string} name
 * @returns {'model-card' | 'contract' | 'evidence' | null} null when the name says nothing
 */
export function guessRoleFromName(name) {
  if (EVIDENCE_EXT.test(name)) return 'evidence';
  if (CONTRACT_NAME.test(name)) return 'contract';
  if (CARD_NAME.test(name)) return 'model-card';
  if (EVIDENCE_NAME.test(name) && !/\.(md|pdf|docx|txt)$/i.test(name)) return 'evidence';
  return null;
}

/**
 * Guess a role from the name, then from the first words of a text file.
 * @param {string} name
 * @param {string} [head] the first few kilobytes of text, when the file is text
 * @returns {'model-card' | 'contract' | 'evidence'}
 */
export function guessRole(name, head) {
  const byName = guessRoleFromName(name);
  if (byName) return byName;
  if (head) {
    const contract = (head.match(CONTRACT_WORDS) ?? []).length;
    const card = (head.match(CARD_WORDS) ?? []).length;
    if (contract > card * 1.5) return 'contract';
    return 'model-card';
  }
  return /\.txt$/i.test(name) ? 'contract' : 'model-card';
}

/** Human label for a role value. @param {string} role */
export function roleLabel(role) {
  return ROLES.find((r) => r.value === role)?.label ?? role;
}
