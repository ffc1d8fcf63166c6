/**
 * A derivational key on top of the light stem (src/text/tokens.ts): "generation" and "generate",
 * "assessment" and "assess", "memorization" and "memorized", "appropriately" and "appropriate"
 * meet. Used only as a match key (retrieval and token alignment), never shown to a user.
 */

/** The lemma key of a stem; metric keys ("metric:wer") and numbers ("#68.4") pass through. */
export function lemmaOf(stem: string): string {
  if (stem.length < 6 || /[:#@]/.test(stem)) return stem;
  let w = stem;
  if (w.endsWith('ly') && w.length > 6) w = w.slice(0, -2);
  if (w.endsWith('ment') && w.length > 7) w = w.slice(0, -4);
  else if (/[st]ion$/.test(w) && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ions') && w.length > 7) w = w.slice(0, -4);
  if (w.endsWith('izat')) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
