/**
 * Front matter of a Hugging Face card given as an evidence file. Follows huggingface_hub's
 * REGEX_YAML_BLOCK (repocard.py): optional leading whitespace, `---`, the block, `---` at a line start.
 * Cards analysed as documents get their front matter from ingestion (Document.metadata); this is only
 * for a README passed with --evidence, so the evidence reader does not depend on the Markdown reader.
 */
import { parseYamlEvidence, malformed } from './parse-source.ts';

/** The front matter of a card: parsed metadata (null when there is no block), the body after it, and where the YAML starts. */
export interface FrontMatter {
  metadata: Record<string, unknown> | null;
  body: string;
  /** 0-based line of the first YAML line in the file (for error positions). */
  yamlLineOffset: number;
}

const YAML_BLOCK = /^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))/;

/** True when the text opens with a front-matter block. */
export function hasFrontMatter(text: string): boolean {
  return YAML_BLOCK.test(text);
}

/** Split a card into front matter and body. A block that is not a mapping is EVIDENCE_MALFORMED. */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const m = YAML_BLOCK.exec(text);
  if (!m) return { metadata: null, body: text, yamlLineOffset: 0 };
  const opening = m[1]!;
  const yamlLineOffset = (opening.match(/\r\n|\n|\r/g) ?? []).length;
  const parsed = parseYamlEvidence(m[2]!, file, yamlLineOffset);
  const body = text.slice(m[0].length);
  if (parsed.value === null || parsed.value === undefined) return { metadata: {}, body, yamlLineOffset };
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw malformed(file, 'the card metadata block must be a YAML mapping', { line: yamlLineOffset + 1 });
  }
  return { metadata: parsed.value as Record<string, unknown>, body, yamlLineOffset };
}
