/**
 * Issue 16: a multi-file upload with an unreadable file analyses the readable ones and names the
 * other in `report.skipped` (201); with no readable file it is refused, naming every file and its code.
 * A real server on a fresh data folder and real multipart bodies over HTTP; fixtures are written here,
 * not copied from a corpus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import type { Report } from '../../src/model/types.ts';
import { form } from '../support/form.ts';

/** A small model card of our own. */
const CARD = `# Wren-3B

Wren-3B is a 3-billion-parameter language model for English customer-support drafting.

## Evaluation

Wren-3B scores 61.2 on MMLU (5-shot).

## Limitations

The model may produce incorrect answers and should not be used for legal advice.
`;
/** A file that says it is a PDF and is not one. */
const CORRUPT_PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog\nthis is not a PDF body\n';
/** Bytes no reader takes (NUL-ridden). */
const BINARY = new Uint8Array([0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 9, 200]);
/** Evidence JSON cut off in the middle. */
const BAD_EVIDENCE = '{"results": {"mmlu": {"acc,none": 0.61';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('API: an unreadable file among readable ones is skipped, and said (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-skip-'));
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ port: 0, dataDir: dir, inline: true, log: 'off' });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (path: string) => fetch(`${srv.url}${path}`);
  const post = (fd: FormData) => fetch(`${srv.url}/api/analyses`, { method: 'POST', body: fd });
  const total = async () => ((await (await get('/api/analyses?limit=1')).json()) as { total: number }).total;
  let firstId = '';

  it('a card alone is stored as before (the analysis that must survive what follows)', async () => {
    const res = await post(form([['model-card', 'wren-3b.md', CARD]]));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; report: Report };
    firstId = body.id;
    expect(body.report.skipped).toBeUndefined();
  });

  it.each([
    ['a corrupt PDF contract', 'contract', 'schedule.pdf', CORRUPT_PDF, 'PDF_CORRUPT'],
    ['a binary file of unknown role', 'file', 'blob.md', BINARY, 'BINARY_INPUT'],
    ['malformed evidence JSON', 'evidence', 'results.json', BAD_EVIDENCE, 'EVIDENCE_MALFORMED'],
    ['an empty evidence file', 'evidence', 'empty.json', '', 'EMPTY_INPUT'],
  ] as const)('card + %s → 201, the file in report.skipped with its code', async (_what, field, name, bytes, code) => {
    const res = await post(form([['model-card', 'wren-3b.md', CARD], [field, name, bytes]]));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; report: Report };
    const { report } = body;
    // The card was analysed ...
    expect(report.inputs.map((i) => i.name)).toEqual(['wren-3b.md']);
    expect(report.sentences.length).toBeGreaterThan(0);
    // ... and the other file is named with its role, code and a message, never dropped silently.
    expect(report.skipped).toHaveLength(1);
    const s = report.skipped![0]!;
    expect(s).toMatchObject({ name, code, sha256: sha(bytes), size: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength });
    if (field !== 'file') expect(s.role).toBe(field);
    expect(s.message.length).toBeGreaterThan(0);
    // Stored with the report: the same skipped entry comes back, and the card's bytes are downloadable.
    const got = (await (await get(`/api/analyses/${body.id}`)).json()) as { report: Report };
    expect(got.report.skipped).toEqual(report.skipped);
    const raw = await get(`/api/analyses/${body.id}/inputs/${report.inputs[0]!.sha256}`);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe(CARD);
    // The skipped file's bytes are not kept.
    expect((await get(`/api/analyses/${body.id}/inputs/${s.sha256}`)).status).toBe(404);
  });

  it('the skipped file is in every rendering the API serves', async () => {
    const res = await post(form([['model-card', 'wren-3b.md', CARD], ['contract', 'schedule.pdf', CORRUPT_PDF]]));
    const { id } = (await res.json()) as { id: string };
    for (const format of ['md', 'html', 'csv', 'sarif']) {
      const text = await (await get(`/api/analyses/${id}?format=${format}`)).text();
      expect(text, format).toContain('schedule.pdf');
      expect(text, format).toContain('PDF_CORRUPT');
    }
  });

  it('every file unreadable → 422 naming each file with its code; nothing stored', async () => {
    const before = await total();
    const res = await post(form([['contract', 'schedule.pdf', CORRUPT_PDF], ['evidence', 'results.json', BAD_EVIDENCE], ['file', 'blob.md', BINARY]]));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; detail: string; files: Array<{ name: string; code: string; role?: string; message: string }> };
    expect(problem.code).toBe('NO_READABLE_INPUT');
    for (const [name, code] of [['schedule.pdf', 'PDF_CORRUPT'], ['results.json', 'EVIDENCE_MALFORMED'], ['blob.md', 'BINARY_INPUT']]) {
      expect(problem.detail).toContain(`${name} [${code}]`);
      expect(problem.files).toContainEqual(expect.objectContaining({ name, code }));
    }
    expect(await total()).toBe(before);
  });

  it('one unreadable file alone keeps its own error and names the file', async () => {
    const res = await post(form([['contract', 'schedule.pdf', CORRUPT_PDF]]));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; file: string };
    expect(problem).toMatchObject({ code: 'PDF_CORRUPT', file: 'schedule.pdf' });
  });

  it('nothing already stored is lost', async () => {
    const got = await get(`/api/analyses/${firstId}`);
    expect(got.status).toBe(200);
    expect(await total()).toBe(1 + 4 + 1);
  });
});
