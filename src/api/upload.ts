/**
 * The upload of POST /api/analyses: its multipart fields (file parts by role, an optional profile),
 * read into the analysis inputs, or refused with a problem naming what was wrong.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { InputFile, Role } from '../model/types.ts';
import { fail, type ApiContext } from './context.ts';

const ROLE_FIELDS: Record<string, Role | undefined> = { file: undefined, files: undefined, 'model-card': 'model-card', contract: 'contract', evidence: 'evidence' };
/** Every multipart field an upload may carry; any other is refused, never silently dropped (issue 17). */
const UPLOAD_FIELDS = [...Object.keys(ROLE_FIELDS), 'profile'];
/** The profile when the upload names none (the default of analyze() and the CLI). */
const DEFAULT_PROFILE = 'procurement';

/** An upload: the files and the profile to judge them under. */
export interface Upload {
  inputs: InputFile[];
  profile: string;
}

/** The multipart body as OpenAPI documents it; `profile` is one of the rule set's profiles. */
export function uploadSchema(profiles: readonly string[]) {
  const file = () => z.any().optional().openapi({ type: 'string', format: 'binary' });
  return z.object({
    file: file(),
    'model-card': file(),
    contract: file(),
    evidence: file(),
    profile: z.enum(profiles as [string, ...string[]], { error: (issue) => unknownProfile(issue.input, profiles) }).optional(),
  });
}

/** Why a profile value is refused, naming the profiles the rule set defines. */
function unknownProfile(given: unknown, profiles: readonly string[]): string {
  const known = `the known profiles are ${profiles.join(', ') || '(none)'}`;
  return typeof given === 'string' ? `${JSON.stringify(given.slice(0, 60))} is not a profile of this rule set; ${known}` : `must be text naming one profile; ${known}`;
}

/** Read an upload from a multipart request; a problem response when the request is not a usable upload. */
export async function readUpload(c: Context, ctx: ApiContext): Promise<Upload | Response> {
  // Media types are case-insensitive (RFC 9110 §8.3.1).
  const ctype = (c.req.header('content-type') ?? '').trim().toLowerCase();
  if (!ctype.startsWith('multipart/form-data')) return fail(c, 400, 'BAD_REQUEST', 'send the files as multipart/form-data');
  const body: Record<string, Array<string | File>> = Object.create(null);
  try {
    const form = await c.req.formData();
    form.forEach((value, key) => (body[key] ??= []).push(value));
  } catch (cause) {
    return fail(c, 400, 'BAD_REQUEST', `malformed multipart body: ${(cause as Error).message}`);
  }
  const unknown = Object.keys(body).filter((f) => !UPLOAD_FIELDS.includes(f));
  if (unknown.length) {
    return fail(c, 400, 'BAD_REQUEST', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f.slice(0, 60)}"`).join(', ')}; the accepted fields are ${UPLOAD_FIELDS.join(', ')}`);
  }
  const inputs = await inputsOf(c, body);
  if (inputs instanceof Response) return inputs;
  if (inputs.length === 0) return fail(c, 400, 'BAD_REQUEST', 'no file: send at least one part named file, model-card, contract or evidence');
  if (inputs.length > ctx.maxFiles) return fail(c, 413, 'TOO_MANY_FILES', `at most ${ctx.maxFiles} files per analysis`);
  const profile = body.profile?.[0] ?? DEFAULT_PROFILE;
  if (typeof profile !== 'string' || !ctx.profiles.includes(profile)) return fail(c, 400, 'BAD_REQUEST', `profile: ${unknownProfile(profile, ctx.profiles)}`);
  return { inputs, profile };
}

/** The file parts, each with the role its field name gives (none for `file`/`files`: guessed later). */
async function inputsOf(c: Context, body: Record<string, Array<string | File>>): Promise<InputFile[] | Response> {
  const inputs: InputFile[] = [];
  for (const [field, values] of Object.entries(body)) {
    if (!(field in ROLE_FIELDS)) continue;
    for (const v of values) {
      if (typeof v === 'string') return fail(c, 400, 'BAD_REQUEST', `field "${field}" must be a file upload, not text`);
      inputs.push({ name: safeName(v.name), bytes: new Uint8Array(await v.arrayBuffer()), role: ROLE_FIELDS[field] });
    }
  }
  return inputs;
}

/** Keep a file name printable and short; never a path. */
function safeName(name: string): string {
  const base = (name || 'upload').split(/[\\/]/).pop() ?? 'upload';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'upload';
}
