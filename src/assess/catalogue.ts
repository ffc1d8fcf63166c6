/**
 * The finding catalogue and severity profiles, read from a rule set.
 * Finding files merge by id in load order (a user's --rules folder comes after the shipped rules,
 * so its definitions override); profiles are looked up by name, the last one loaded wins.
 */
import type { Severity } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import { ofKind, type RuleSet } from '../rules/load.ts';
import { FINDING_IDS, type FindingId } from '../rules/kinds/names.ts';
import type { FindingDefinition } from '../rules/kinds/findings.ts';

/** Every finding definition by id. */
export type FindingCatalogue = ReadonlyMap<FindingId, FindingDefinition>;

/** A profile resolved to one severity per finding id. */
export interface ResolvedProfile {
  name: string;
  title?: string;
  /** Rule file the profile came from (origin/path). */
  file: string;
  severities: Record<FindingId, Severity>;
}

/** The merged finding catalogue of a rule set. Throws RULES_INVALID when an id has no definition. */
export function findingCatalogue(rules: RuleSet): FindingCatalogue {
  const out = new Map<FindingId, FindingDefinition>();
  for (const file of ofKind(rules, 'findings')) {
    for (const def of file.data.findings) out.set(def.id as FindingId, def as FindingDefinition);
  }
  const missing = FINDING_IDS.filter((id) => !out.has(id));
  if (missing.length > 0) {
    throw new WarrantError('RULES_INVALID', `no definition for finding id(s): ${missing.join(', ')} (every id needs an entry in a file of kind 'findings')`, {
      file: 'findings.yaml',
    });
  }
  return out;
}

/** Names of the profiles a rule set defines, sorted. */
export function profileNames(rules: RuleSet): string[] {
  return [...new Set(ofKind(rules, 'profile').map((f) => f.data.name))].sort();
}

/** Resolve a profile by name (following `extends`) to a severity per finding id. Throws CONFIG_INVALID for an unknown name. */
export function resolveProfile(rules: RuleSet, name: string, catalogue: FindingCatalogue = findingCatalogue(rules)): ResolvedProfile {
  const files = ofKind(rules, 'profile');
  const byName = new Map<string, (typeof files)[number]>();
  for (const f of files) byName.set(f.data.name, f);
  const chain: Array<(typeof files)[number]> = [];
  const seen = new Set<string>();
  let current: string | undefined = name;
  while (current !== undefined) {
    const file = byName.get(current);
    if (!file) {
      if (current === name) {
        throw new WarrantError('CONFIG_INVALID', `unknown profile ${JSON.stringify(name)}; available: ${profileNames(rules).join(', ') || '(none)'}`);
      }
      throw new WarrantError('RULES_INVALID', `profile ${JSON.stringify(chain.at(-1)?.data.name)} extends unknown profile ${JSON.stringify(current)}`, {
        file: fileOf(chain.at(-1)!),
      });
    }
    if (seen.has(current)) {
      throw new WarrantError('RULES_INVALID', `profile ${JSON.stringify(current)} extends itself (cycle: ${[...seen, current].join(' → ')})`, { file: fileOf(file) });
    }
    seen.add(current);
    chain.push(file);
    current = file.data.extends;
  }
  const severities = {} as Record<FindingId, Severity>;
  for (const id of FINDING_IDS) severities[id] = catalogue.get(id)!.severity;
  for (const file of [...chain].reverse()) {
    for (const [id, sev] of Object.entries(file.data.severities)) severities[id as FindingId] = sev;
  }
  const top = chain[0]!;
  return { name, title: top.data.title, file: fileOf(top), severities };
}

function fileOf(f: { origin: string; path: string }): string {
  return `${f.origin}/${f.path}`;
}

/**
 * Check what assess needs of a rule set across files: a definition for every finding id and
 * profiles whose `extends` chains resolve. For `warrant rules check` and right after loading
 * `--rules` folders, so a bad override fails before any input is read. Throws RULES_INVALID.
 */
export function checkAssessRules(rules: RuleSet): void {
  const catalogue = findingCatalogue(rules);
  for (const name of profileNames(rules)) resolveProfile(rules, name, catalogue);
}
