/**
 * A role from a file's name (rules/roles.yaml `names`), for a file whose text is not read: the web
 * page presets the role of a PDF or DOCX before upload. An analysis never decides by name.
 */
import type { Role } from '../model/types.ts';
import { ofKind, type RuleSet } from '../rules/load.ts';

function namePattern(entry: string): RegExp {
  const words = entry.toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|[^a-z0-9])${words.join('[-_ .]?')}(?=$|[^a-z0-9])`);
}

/** The role a file name names (the first rules/roles.yaml `names` entry with a word in it), else undefined. */
export function roleFromName(name: string, rules: RuleSet): Exclude<Role, 'evidence'> | undefined {
  const files = ofKind(rules, 'roles');
  const entries = files[files.length - 1]?.data.names ?? [];
  const lower = name.toLowerCase();
  for (const e of entries) if (e.words.some((w) => namePattern(w).test(lower))) return e.role;
  return undefined;
}
