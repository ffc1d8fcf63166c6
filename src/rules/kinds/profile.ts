import { z } from '../zod.ts';
import { FINDING_IDS, isFindingId, severitySchema } from './findings.ts';

/**
 * Schema of rule files of kind 'profile' (rules/profiles/*.yaml): severities for one audience.
 * A profile names finding ids from the catalogue and sets their severity; ids it does not
 * name keep the catalogue's default. `extends` starts from another profile's severities.
 */
export const profileKind = {
  kind: 'profile',
  schema: z
    .object({
      kind: z.literal('profile'),
      /** The name `--profile` selects. */
      name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'profile names are lower-case words joined by dashes'),
      title: z.string().min(1).optional(),
      description: z.string().optional(),
      /** Another profile whose severities this one starts from. */
      extends: z.string().optional(),
      severities: z.record(z.string(), severitySchema).superRefine((sev, ctx) => {
        for (const id of Object.keys(sev)) {
          if (!isFindingId(id)) ctx.addIssue({ code: 'custom', path: [id], message: `unknown finding id ${JSON.stringify(id)}; the engine knows: ${FINDING_IDS.join(', ')}` });
        }
      }),
    })
    .strict(),
};
