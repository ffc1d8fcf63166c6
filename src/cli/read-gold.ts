/**
 * Reads sentence-label gold (GUIDE-representation.md) from a JSONL file or a folder of them, with
 * the hash `warrant train` records beside the weights it fits.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseGold, type GoldSentence } from '../eval/gold.ts';
import { goldSha256 } from '../learn/train.ts';

/** Gold sentences and the SHA-256 of the files they came from. */
export interface GoldSet {
  gold: GoldSentence[];
  sha256: string;
  files: string[];
}

/**
 * Gold sentences from a JSONL file or every *.jsonl file of a folder (sorted). In a folder, files of
 * another gold kind (e.g. alignment gold, whose records have no "doc" and "claimType") are skipped.
 */
export function readGoldSet(path: string, readFile: (p: string) => Uint8Array): GoldSet {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const read: Array<{ name: string; bytes: Uint8Array }> = [];
  const gold: GoldSentence[] = [];
  if (!statSync(path).isDirectory()) {
    const bytes = readFile(path);
    read.push({ name: basename(path), bytes });
    gold.push(...parseGold(decoder.decode(bytes), path));
  } else {
    for (const name of readdirSync(path).filter((n) => n.endsWith('.jsonl')).sort()) {
      const file = join(path, name);
      const bytes = readFile(file);
      const text = decoder.decode(bytes);
      if (!isSentenceGold(text)) continue;
      read.push({ name, bytes });
      gold.push(...parseGold(text, file));
    }
  }
  return { gold, sha256: goldSha256(read), files: read.map((r) => r.name) };
}

/** Is this JSONL text sentence-label gold (its first record has "doc" and "claimType")? */
function isSentenceGold(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const v = JSON.parse(first) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && 'doc' in v && 'claimType' in v;
  } catch {
    return true; // let parseGold report the malformed line
  }
}
