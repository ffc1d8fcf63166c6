/**
 * The model an evidence file is about, when only its path says so. Harnesses name result folders
 * by model: lm-evaluation-harness and MTEB write `org__name` for the Hub id `org/name`
 * (results/thenlper__gte-small/<revision>/STS22.json); logs are often named for the model
 * (benchmark-logs/TinyLlama-1.1B-intermediate-step-1431k-3T.md).
 */

/** `org/name` from an `org__name` segment of a path (a folder, or part of a flattened file name). */
export function hubIdFromPath(path: string): string | undefined {
  const segments = path.split(/[\\/]/).filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const m = /(?:^|_)([A-Za-z0-9][A-Za-z0-9.-]*)__([A-Za-z0-9][A-Za-z0-9.-]*)(?=_|\.[A-Za-z]+$|$)/.exec(segments[i]!);
    if (m) return `${m[1]}/${m[2]}`;
  }
  return undefined;
}

/** The model a per-model file's name gives: the Hub id of an `org__name` segment, else the base name (its last `_` part). */
export function modelFromFileName(path: string): string | undefined {
  const hub = hubIdFromPath(path);
  if (hub) return hub;
  const base = path.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  const last = base.split('_').filter(Boolean).pop();
  return last && /[A-Za-z]/.test(last) && /\d/.test(last) ? last : undefined;
}
