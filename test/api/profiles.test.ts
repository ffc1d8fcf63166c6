/**
 * The API accepts every profile the CLI accepts: both read them from the rule set (rules/profiles
 * and any rules dir, WARRANT_RULES_DIR / --rules), none is hard-coded (issue 14 item 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { main } from '../../src/cli/main.ts';
import { loadRules } from '../../src/rules/load.ts';
import { profileNames } from '../../src/assess/index.ts';
import { captureIO } from '../cli/capture-io.ts';
import { form } from '../support/form.ts';

const CARD = 'samples/cards/kestrel-7b.md';
const SAMPLE = readFileSync(CARD);
const SHIPPED = profileNames(await loadRules());

type ReportBody = { profile: string; findings: Array<{ ruleId: string; severity: string }> };

/** A rules dir holding one more profile, `team`: vendor-release with numbers without evidence as errors. */
function teamRulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-profiles-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(
    join(dir, 'profiles', 'team.yaml'),
    'kind: profile\nname: team\ntitle: Our team\nextends: vendor-release\nseverities:\n  representation-without-evidence: error\n',
  );
  return dir;
}

async function serverOn(rulesDir: string | undefined): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-profiles-data-'));
  const server = await startServer({ port: 0, dataDir, inline: true, log: 'off', ...(rulesDir ? { rulesDir } : {}) });
  return Object.assign(server, { dataDir });
}

const upload = (server: RunningServer, profile: string) =>
  fetch(`${server.url}/api/analyses`, { method: 'POST', body: form([['file', 'kestrel-7b.md', SAMPLE]], { profile }) });

async function cliAnalyze(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(['analyze', CARD, '--format', 'json', '--fail-on', 'never', ...args], io);
  return { code, out: io.out, err: io.err };
}

const severities = (r: ReportBody) => r.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();

describe('profiles come from the rule set, for the CLI and the API alike', () => {
  const rulesDir = teamRulesDir();
  let withTeam: RunningServer & { dataDir: string };
  let shippedOnly: RunningServer & { dataDir: string };

  beforeAll(async () => {
    withTeam = await serverOn(rulesDir);
    shippedOnly = await serverOn(undefined);
  }, 120_000);
  afterAll(async () => {
    for (const s of [withTeam, shippedOnly]) {
      await s?.close();
      if (s) rmSync(s.dataDir, { recursive: true, force: true });
    }
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('the shipped rule set defines the profiles the API offered before (procurement, vendor-release)', () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(['procurement', 'vendor-release']));
  });

  it('a profile file added to a rules dir is accepted by the CLI (--rules) and the API (WARRANT_RULES_DIR), with the same findings', async () => {
    const cli = await cliAnalyze(['--rules', rulesDir, '--profile', 'team']);
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.out) as ReportBody;
    expect(fromCli.profile).toBe('team');

    const res = await upload(withTeam, 'team');
    expect(res.status).toBe(201);
    const fromApi = ((await res.json()) as { report: ReportBody }).report;
    expect(fromApi.profile).toBe('team');
    // The profile's own severity took effect, and both surfaces judged alike.
    expect(fromApi.findings.some((f) => f.ruleId === 'representation-without-evidence' && f.severity === 'error')).toBe(true);
    expect(severities(fromApi)).toEqual(severities(fromCli));
  }, 120_000);

  it('every profile of the rule set is accepted by the API and listed in its OpenAPI document', async () => {
    const names = profileNames(await loadRules({ extraDirs: [rulesDir] }));
    expect(names).toEqual([...new Set([...SHIPPED, 'team'])].sort());
    for (const name of names) {
      const res = await upload(withTeam, name);
      expect(res.status, name).toBe(201);
      expect(((await res.json()) as { report: ReportBody }).report.profile).toBe(name);
    }
    const doc = (await (await fetch(`${withTeam.url}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> } } }>;
    };
    const profileField = doc.paths['/api/analyses']!.post!.requestBody.content['multipart/form-data']!.schema.properties.profile!;
    expect(profileField.enum).toEqual(names);
  }, 240_000);

  it('GET /api/rules?kind=profile lists the profile files only (what the web page reads), the team one included', async () => {
    const all = (await (await fetch(`${withTeam.url}/api/rules`)).json()) as { sha256: string; files: Array<{ kind: string; data: { name?: string } }> };
    const res = await fetch(`${withTeam.url}/api/rules?kind=profile`);
    expect(res.status).toBe(200);
    const only = (await res.json()) as typeof all;
    expect(only.sha256).toBe(all.sha256);
    expect(only.files.length).toBeGreaterThan(0);
    expect(only.files.every((f) => f.kind === 'profile')).toBe(true);
    expect(only.files.map((f) => f.data.name)).toContain('team');
    expect(all.files.filter((f) => f.kind === 'profile')).toEqual(only.files);
    // A kind nobody defines is an empty list, not an error.
    expect(((await (await fetch(`${withTeam.url}/api/rules?kind=nothing`)).json()) as typeof all).files).toEqual([]);
  });

  it('an unknown profile is a 400 problem naming every known profile; the CLI refuses it too', async () => {
    const res = await upload(withTeam, 'lawyer');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = (await res.json()) as { code: string; detail: string };
    expect(p.code).toBe('BAD_REQUEST');
    expect(p.detail).toContain('"lawyer"');
    for (const name of [...SHIPPED, 'team']) expect(p.detail).toContain(name);

    const cli = await cliAnalyze(['--rules', rulesDir, '--profile', 'lawyer']);
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain('lawyer');
  }, 60_000);

  it('without the rules dir the added profile is unknown to both surfaces, and the API says which profiles it knows', async () => {
    const res = await upload(shippedOnly, 'team');
    expect(res.status).toBe(400);
    const p = (await res.json()) as { code: string; detail: string };
    expect(p.code).toBe('BAD_REQUEST');
    expect(p.detail).toContain(`the known profiles are ${SHIPPED.join(', ')}`);

    const cli = await cliAnalyze(['--profile', 'team']);
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain('team');
  }, 60_000);
});
