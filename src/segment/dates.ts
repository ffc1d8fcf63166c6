/**
 * Dates on a line of their own: document metadata under a title ("dated November 24, 2022"), not
 * sentences about the product (issue 11). Month names come from rules/segmentation.yaml.
 */

/**
 * True for a line that is only a date ("dated November 24, 2022", "September 2023", "3 March 2021",
 * "2024-01-31"): a year, a month name, at most a day number and one leading word; no colon (a
 * "Last updated: May 2024" line is a key-value sentence).
 */
export function isBareDate(line: string, months: ReadonlySet<string>): boolean {
  const t = line.trim().replace(/\.$/, '');
  if (t.length > 40 || t.includes(':')) return false;
  if (/^(?:19|20)\d{2}-\d{2}-\d{2}$/.test(t)) return true;
  const words = t.split(/[\s,]+/).filter(Boolean);
  if (words.length < 2 || words.length > 4) return false;
  const year = words.findIndex((w) => /^(?:19|20)\d{2}$/.test(w));
  const month = words.findIndex((w) => months.has(w.toLowerCase().replace(/\.$/, '')));
  if (year < 0 || month < 0) return false;
  const others = words.filter((_, i) => i !== year && i !== month);
  const days = others.filter((w) => /^\d{1,2}(?:st|nd|rd|th)?$/.test(w));
  const lead = others.filter((w) => !days.includes(w));
  return days.length <= 1 && lead.length <= 1 && (lead.length === 0 || words.indexOf(lead[0]!) === 0);
}
