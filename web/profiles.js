// @ts-check
/**
 * The "Review for" choices come from the server's rule set (GET /api/rules?kind=profile, every `profile` rule file),
 * so a profile added to the server's rules dir is offered here as the API accepts it. The two shipped
 * profiles written in index.html stay when the rule set cannot be read (no server, a token not yet given).
 */
import { apiJson } from './api.js';

/**
 * Profiles of a rule set listing: a later file of the same name overrides an earlier one (a rules dir over the shipped rules).
 * @param {{files?: Array<{kind?: string, data?: unknown}>}} rules
 * @returns {Array<{name: string, title: string}>}
 */
export function profilesOf(rules) {
  /** @type {Map<string, string>} */
  const byName = new Map();
  for (const f of rules.files ?? []) {
    if (f.kind !== 'profile' || typeof f.data !== 'object' || f.data === null) continue;
    const data = /** @type {{name?: unknown, title?: unknown}} */ (f.data);
    if (typeof data.name !== 'string' || data.name === '') continue;
    byName.set(data.name, typeof data.title === 'string' && data.title !== '' ? data.title : data.name);
  }
  return [...byName].map(([name, title]) => ({ name, title }));
}

/**
 * Fill the profile select with the server's profiles, keeping the current choice when it is still offered.
 * @param {HTMLSelectElement} select
 */
export async function offerProfiles(select) {
  let profiles;
  try {
    profiles = profilesOf(/** @type {{files?: Array<{kind?: string, data?: unknown}>}} */ (await apiJson('/api/rules?kind=profile')));
  } catch {
    return;
  }
  if (profiles.length === 0) return;
  const current = select.value;
  select.replaceChildren(
    ...profiles.map((p) => {
      const option = document.createElement('option');
      option.value = p.name;
      option.textContent = p.title;
      return option;
    }),
  );
  if (profiles.some((p) => p.name === current)) select.value = current;
}
