/**
 * BM25 candidate retrieval over content words and numbers (Robertson & Zaragoza 2009).
 */

/** A BM25 index over term lists. */
export interface Bm25Index {
  postings: Map<string, Array<{ doc: number; tf: number }>>;
  lengths: number[];
  avgLength: number;
  size: number;
}

/** Build an index; each document is its list of terms (with repeats). */
export function buildBm25(docs: string[][]): Bm25Index {
  const postings = new Map<string, Array<{ doc: number; tf: number }>>();
  docs.forEach((terms, doc) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push({ doc, tf: n });
    }
  });
  const lengths = docs.map((d) => d.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  return { postings, lengths, avgLength: docs.length ? total / docs.length : 0, size: docs.length };
}

/** Inverse document frequency (BM25+ style, never negative). */
export function idfOf(index: Bm25Index, term: string): number {
  const df = index.postings.get(term)?.length ?? 0;
  return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/** The top `k` documents for a query, best first (documents with score 0 are left out). */
export function searchBm25(index: Bm25Index, query: string[], k: number, k1: number, b: number): Array<{ doc: number; score: number }> {
  const scores = new Map<number, number>();
  for (const term of new Set(query)) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = idfOf(index, term);
    for (const { doc, tf } of list) {
      const norm = tf + k1 * (1 - b + (b * index.lengths[doc]!) / (index.avgLength || 1));
      scores.set(doc, (scores.get(doc) ?? 0) + (idf * (tf * (k1 + 1))) / norm);
    }
  }
  return [...scores.entries()]
    .map(([doc, score]) => ({ doc, score }))
    .sort((x, y) => y.score - x.score || x.doc - y.doc)
    .slice(0, k);
}
