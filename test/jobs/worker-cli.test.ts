/**
 * `warrant worker` (issue 15) refuses to start without PostgreSQL, and a bad database URL is a
 * clear configuration error; its help names the settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../cli/capture-io.ts';

describe('warrant worker', () => {
  const saved = process.env.WARRANT_DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.WARRANT_DATABASE_URL;
    else process.env.WARRANT_DATABASE_URL = saved;
  });

  it('needs WARRANT_DATABASE_URL (exit 2, one line naming it)', async () => {
    delete process.env.WARRANT_DATABASE_URL;
    const io = captureIO();
    expect(await main(['worker'], io)).toBe(2);
    expect(io.err).toContain('WARRANT_DATABASE_URL');
  });

  it('refuses a URL that is not postgres://', async () => {
    process.env.WARRANT_DATABASE_URL = 'mysql://db/warrant';
    const io = captureIO();
    expect(await main(['worker'], io)).toBe(2);
    expect(io.err).toMatch(/CONFIG_INVALID|WARRANT_DATABASE_URL/);
  });

  it('lists its settings in --help', async () => {
    const io = captureIO();
    expect(await main(['worker', '--help'], io)).toBe(0);
    expect(io.out).toContain('WARRANT_JOB_EXPIRE_SECONDS');
  });
});
