/**
 * The packed vectors of rules/word-vectors.json, decoded. Zod-free (./names.ts explains why): the
 * schema validates with it on a cache miss, and the classifier compiler decodes with it on every run.
 */

/** The vectors' bytes, or undefined when `text` is not canonical base64. */
export function decodeVectors(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
