/**
 * Human terminal rendering: a header (tool, profile, hashes), every sentence with its label, score and
 * claim type (REP = representation, nar = narrative), one line group per finding, a summary.
 * `only` narrows it to findings, representations or changed contract clauses; when the sentence list is
 * long the findings come first, and the last line is a summary a release manager can read in CI logs (issue 16).
 * Plain text; ANSI colour only when `color` is set. Control characters in document text are
 * replaced so a document cannot drive the terminal.
 */
import type { ReportedFinding as Finding, Report, Severity } from '../model/types.ts';
import { countsText, findingCounts, inputsOf, locationText, skippedLine, skippedOf, skippedText, stripControls, viewOf, type RenderOptions } from './view.ts';

/** Above this many sentence lines the findings are printed before the sentences. */
const LONG_TABLE_LINES = 80;
const RANK: Record<Severity, number> = { off: 0, note: 1, warning: 2, error: 3 };
/** Findings about a contract clause and its card source (what `--only changes` keeps). */
const isChangeFinding = (f: Finding): boolean => f.ruleId.startsWith('contract-') || f.ruleId === 'whole-document-incorporation' || f.ruleId === 'incorporated-document-missing';

export { stripControls } from './view.ts';

const ANSI = { error: '\x1b[31;1m', warning: '\x1b[33m', note: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' } as const;


/** Fit a location into `width` columns: drop leading folders first, then cut from the left. */
function fit(loc: string, width: number): string {
  if (loc.length <= width) return loc;
  const base = loc.slice(loc.lastIndexOf('/') + 1);
  const short = `…/${base}`;
  return short.length <= width ? short : `…${loc.slice(loc.length - width + 1)}`;
}

/** Greedy word wrap to `width` columns. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = '';
    }
    let w = word;
    while (w.length > width) {
      if (line) {
        out.push(line);
        line = '';
      }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    line = line ? `${line} ${w}` : w;
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/** Render a report as a plain-text table for a terminal. */
export function renderTable(report: Report, opts: RenderOptions = {}): string {
  const view = viewOf(report, opts);
  const color = opts.color ?? false;
  const paint = (code: string, s: string): string => (color ? `${code}${s}${ANSI.reset}` : s);
  const width = Math.max(60, opts.width ?? 120);
  const out: string[] = [];
  out.push(paint(ANSI.bold, `warrant ${stripControls(report.tool.version)}`) + `  profile ${stripControls(report.profile)}  report schema ${stripControls(report.schemaVersion)}`);
  out.push(`rule set sha256 ${report.rulesetSha256}`);
  for (const i of inputsOf(view)) out.push(`input ${stripControls(i.name)} (${i.role}) sha256 ${i.sha256}`);
  // Named with the error that stopped them, in the header a CI log shows first (issue 16).
  const skipped = skippedOf(report);
  for (const k of skipped) out.push(paint(ANSI.warning, `skipped ${stripControls(skippedLine(k))}`));
  out.push('');
  const head = out.splice(0);
  const only = opts.only;

  // Sentence by sentence: the judgement on every sentence, in document order.
  const verdictsOf = new Map<string, string[]>();
  const claimById = new Map(report.claims.map((c) => [c.id, c]));
  for (const l of report.links) {
    const c = claimById.get(l.claimId);
    if (c) verdictsOf.set(c.sentenceId, [...new Set([...(verdictsOf.get(c.sentenceId) ?? []), l.verdict])]);
  }
  const claimOf = new Map(report.claims.map((c) => [c.sentenceId, c]));
  const labelW = 9;
  const typeW = 22;
  const alignmentOf = new Map(report.alignments.map((a) => [a.contractSentenceId, a]));
  const changed = (id: string): boolean => {
    const a = alignmentOf.get(id);
    return a !== undefined && ((a.cardSentenceId !== null && a.transformations.some((t) => t.kind !== 'verbatim')) || a.incorporates !== undefined);
  };
  for (const doc of only === 'findings' ? [] : report.documents) {
    const all = report.sentences.filter((s) => s.docId === doc.id);
    const sentences = only === 'representations' ? all.filter((s) => claimOf.get(s.id)?.label === 'representation') : only === 'changes' ? all.filter((s) => changed(s.id)) : all;
    if (only && sentences.length === 0) continue;
    const what = only === 'representations' ? 'representation(s)' : only === 'changes' ? 'changed clause(s)' : 'sentence(s)';
    out.push(paint(ANSI.bold, `${stripControls(doc.name)} (${doc.role}): ${sentences.length} ${what}`));
    if (sentences.length === 0) {
      out.push('');
      continue;
    }
    // The place within the document (the document is the group heading): line:column, page or paragraph.
    const locs = sentences.map((s) =>
      s.span.kind === 'text' ? `${s.span.line}:${s.span.column}` : s.span.kind === 'pdf' ? `p. ${s.span.page}` : `¶ ${s.span.paragraph + 1}`,
    );
    const locW = Math.min(14, Math.max(4, ...locs.map((l) => l.length)));
    const textW = Math.max(20, width - locW - labelW - typeW - 6);
    sentences.forEach((s, i) => {
      const c = claimOf.get(s.id);
      const label = c ? `${c.label === 'representation' ? 'REP' : 'nar'} ${c.score.toFixed(2)}` : '';
      const type = c ? (c.legalForce && c.legalForce !== 'other' ? `${c.type}/${c.legalForce}` : c.type) : '';
      const ref = s.context.clauseRef ? `${s.context.clauseRef}: ` : '';
      // The evidence verdicts, self-consistent apart from supported (issue 16).
      const v = verdictsOf.get(s.id);
      const lines = wrap(stripControls(ref + s.text + (v ? ` [evidence: ${v.join(', ')}]` : '')), textW);
      const code = c?.label === 'representation' ? ANSI.bold : ANSI.dim;
      out.push(`${fit(locs[i]!, locW).padEnd(locW)}  ${paint(code, label.padEnd(labelW))}  ${type.slice(0, typeW).padEnd(typeW)}  ${lines[0]}`);
      for (const m of lines.slice(1)) out.push(`${' '.repeat(locW + labelW + typeW + 6)}${m}`);
      const a = alignmentOf.get(s.id);
      if (a?.cardSentenceId) {
        const changes = a.transformations
          .map((t) => (t.from !== undefined || t.to !== undefined ? `${t.kind}: "${t.from ?? ''}" → "${t.to ?? ''}"` : t.kind))
          .join('; ');
        const from = locationText(view, { docId: view.sentenceById.get(a.cardSentenceId)?.docId ?? '', sentenceId: a.cardSentenceId });
        // Why this source: what the two share (issue 13), when the alignment carries it.
        const why = a.anchors && a.anchors.length > 0 ? `; shared: ${a.anchors.slice(0, 8).join(', ')}` : '';
        for (const m of wrap(stripControls(`↳ from ${from} (similarity ${a.similarity.toFixed(2)}${why}): ${changes}`), textW)) {
          out.push(`${' '.repeat(locW + labelW + typeW + 6)}${paint(ANSI.dim, m)}`);
        }
      }
    });
    out.push('');
  }
  const sentenceLines = out.splice(0);

  const line = (f: Finding): Array<{ sev: string; loc: string; rule: string; msg: string; f: Finding }> => [
    { sev: f.suppressed ? 'suppr.' : f.severity, loc: stripControls(locationText(view, f.location)), rule: f.ruleId, msg: stripControls(f.message), f },
  ];
  const shown = only === 'changes' ? isChangeFinding : (): boolean => true;
  const rows = only === 'representations' ? [] : [...view.active, ...view.suppressed].filter(shown).flatMap(line);
  if (only === 'representations') {
    // The representations alone: no findings section.
  } else if (rows.length === 0) out.push('No findings.');
  else {
    const sevW = 8;
    const locW = Math.min(36, Math.max(8, ...rows.map((r) => r.loc.length)));
    const ruleW = Math.min(32, Math.max(4, ...rows.map((r) => r.rule.length)));
    const msgW = Math.max(20, width - sevW - locW - ruleW - 6);
    out.push(paint(ANSI.bold, `${'SEVERITY'.padEnd(sevW)}  ${'LOCATION'.padEnd(locW)}  ${'RULE'.padEnd(ruleW)}  MESSAGE`));
    for (const r of rows) {
      const loc = fit(r.loc, locW);
      const extra = r.f.suppressed ? ` [suppressed: ${stripControls(r.f.suppressed.reason)} (${stripControls(r.f.suppressed.source)})]` : '';
      const msgLines = wrap(r.msg + extra, msgW);
      const sevText = r.sev.padEnd(sevW);
      const code = r.f.suppressed ? ANSI.dim : r.f.severity === 'error' ? ANSI.error : r.f.severity === 'warning' ? ANSI.warning : ANSI.note;
      out.push(`${paint(code, sevText)}  ${loc.padEnd(locW)}  ${r.rule.padEnd(ruleW)}  ${msgLines[0]}`);
      for (const m of msgLines.slice(1)) out.push(`${' '.repeat(sevW + locW + ruleW + 6)}${m}`);
    }
  }
  if (rows.length > 0 || only !== 'representations') out.push('');
  const findingLines = out.splice(0);
  // A long sentence list would push the findings out of a CI log's view: findings first then.
  const findingsFirst = sentenceLines.length > LONG_TABLE_LINES;
  out.push(...head, ...(findingsFirst ? [...findingLines, ...sentenceLines] : [...sentenceLines, ...findingLines]));
  const sm = report.summary;
  out.push(`${countsText(view)} · ${sm.documents} document(s), ${sm.sentences} sentence(s), ${sm.representations} representation(s)${skipped.length ? ` · ${skippedText(skipped.length)}` : ''}`);
  out.push(resultLine(report, view, opts.failOn));
  return out.join('\n') + '\n';
}

/**
 * One line for a CI log: pass or fail under --fail-on, what fails it by rule, and the evidence verdicts,
 * e.g. "warrant: FAIL (--fail-on error): 2 errors (contract-number-changed 1, performance-contradicted 1); evidence: 3 supported, 2 self-consistent, 5 unverified".
 */
function resultLine(report: Report, view: ReturnType<typeof viewOf>, failOn: RenderOptions['failOn']): string {
  const c = findingCounts(view);
  const threshold = failOn ?? 'error';
  const failing = threshold === 'never' ? [] : view.active.filter((f) => f.severity !== 'off' && RANK[f.severity] >= RANK[threshold]);
  const byRule = new Map<string, number>();
  for (const f of failing) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r} ${n}`).join(', ');
  const verdicts = Object.entries(report.summary.byVerdict).map(([k, n]) => `${n} ${k}`).join(', ') || 'no evidence links';
  const status = failing.length > 0 ? `FAIL (--fail-on ${threshold}): ${failing.length} finding(s) at or above ${threshold} (${rules})` : `PASS (--fail-on ${threshold}): ${c.error} error(s), ${c.warning} warning(s)`;
  return `warrant: ${status}; evidence: ${verdicts}`;
}
