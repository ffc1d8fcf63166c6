/**
 * Judge models of LLM-as-judge benchmarks, as a card or an evidence file names them.
 * Card text: "MT-Bench (GPT-4 judge)", "judged by gpt-4-1106-preview", "annotator: claude-3-opus".
 * Evidence: a `judge` / `annotator` key (rules/evidence.yaml `judges.keys`) at the top of a JSON file
 * or in its `config`, or a CSV column of that name.
 */

/** A model-like name: letters with a digit somewhere ("GPT-4", "gpt-4-turbo", "claude-3-opus", "gpt4o"). */
const MODEL = String.raw`([A-Za-z][A-Za-z0-9]*(?:[-_.](?!(?:as|an?)(?:[-\s]|$))[A-Za-z0-9]+)*)`;

function escape(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Per cue list: the cue words alone (every pattern holds one: a text without any matches none), then the patterns. */
const patterns = new Map<string, { cue: RegExp; res: RegExp[] }>();

/** The judge model a text names next to one of `cueWords`, if any. */
export function judgeInText(text: string, cueWords: readonly string[]): string | undefined {
  if (cueWords.length === 0) return undefined;
  const key = cueWords.join('\u0000');
  let compiled = patterns.get(key);
  if (!compiled) {
    const cue = `(?:${cueWords.map(escape).join('|')})`;
    const res = [
      // "judged by GPT-4", "judge: gpt-4-turbo", "annotator = claude-3-opus", "judge model GPT-4"
      new RegExp(`\\b${cue}\\b(?:\\s+model)?\\s*(?:by|with|using|:|=|is)?\\s*(?:the\\s+)?${MODEL}`, 'i'),
      // "GPT-4 judge", "GPT-4-as-a-judge", "gpt-4 as judge"
      new RegExp(`${MODEL}(?:[\\s-]+as(?:[\\s-]+an?)?)?[\\s-]+${cue}\\b`, 'i'),
    ];
    compiled = { cue: new RegExp(cue, 'i'), res };
    patterns.set(key, compiled);
  }
  if (!compiled.cue.test(text)) return undefined;
  for (const re of compiled.res) {
    for (const m of text.matchAll(new RegExp(re.source, 'gi'))) {
      const name = m[1]!;
      if (/\d/.test(name)) return name;
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The judge a parsed evidence file names under one of `keys` (top level, `config` or `config_general`). */
export function judgeInJson(value: unknown, keys: readonly string[]): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const scope of [value, value.config, value.config_general]) {
    if (!isRecord(scope)) continue;
    for (const k of keys) {
      const v = scope[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
      if (isRecord(v) && typeof v.model === 'string') return v.model;
    }
  }
  return undefined;
}
