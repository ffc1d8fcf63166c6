// @ts-check
/**
 * The evidence panel for one claim: claimed vs observed values, tolerance, verdict, and each
 * evidence record's source file, tier and methodology; then the claim's findings with remedies.
 */
import { h, replace } from './dom.js';
import { fmtScore } from './cue-tip.js';
import { VERDICT_WORDS, locationText, quantityText, registerEntry } from './view-model.js';
import { markedText, severityIcon } from './review.js';

const TIER_WORDS = /** @type {Record<string, string>} */ ({
  harness: 'Harness output (strongest)',
  declared: 'Declared in metadata',
  'self-reported': 'Self-reported in the card (weakest)',
});

/**
 * @param {HTMLElement} side
 * @param {import('./view-model.js').ReportIndex} idx
 * @param {string} claimId
 * @param {(sentenceId: string) => void} showInDocument
 */
export function renderEvidencePanel(side, idx, claimId, showInDocument) {
  const entry = claimId ? registerEntry(idx, claimId) : undefined;
  if (entry?.declared) {
    const d = entry.declared;
    replace(
      side,
      h('h2', null, 'Evidence'),
      h('p', { class: 'meta' }, `${d.document} · ${d.location}`),
      h('blockquote', { class: 'claim-quote' }, d.text),
      h('p', { class: 'muted' }, 'A figure the document declares in its metadata rather than in a sentence.'),
      h('h3', null, 'Evaluation evidence'),
      entry.links.map((l) => linkBlock(l, idx, [])),
    );
    return;
  }
  const claim = entry?.claim;
  if (!entry || !claim) {
    replace(side, h('h2', null, 'Evidence'), h('p', { class: 'muted' }, 'Select a claim in the table (click it, or move with the arrow keys and press Enter) to see the evidence behind it and its findings.'));
    return;
  }
  const { sentence: s, doc, links, findings, quantities } = entry;

  replace(
    side,
    h('h2', null, 'Evidence'),
    h('p', { class: 'meta' }, `${doc?.name ?? ''} · ${locationText(s)}`),
    h('blockquote', { class: 'claim-quote' }, s ? markedText(s, []) : ''),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Label'),
      h('dd', null, `${claim.label} (score ${fmtScore(claim.score)})${claim.weak ? ', weak' : ''}`),
      h('dt', null, 'Claim type'),
      h('dd', null, claim.type),
      claim.legalForce ? [h('dt', null, 'Legal force'), h('dd', null, `${claim.legalForce}${claim.obligor ? ` (on ${claim.obligor})` : ''}`)] : null,
      quantities.length ? [h('dt', null, 'Quantities'), h('dd', null, quantities.map(quantityText).join('; '))] : null,
    ),
    h('p', null, h('button', { type: 'button', onclick: () => showInDocument(claim.sentenceId) }, 'Show in document')),
    h('h3', null, 'Evaluation evidence'),
    links.length
      ? links.map((l) => linkBlock(l, idx, quantities))
      : h('p', { class: 'muted' }, quantities.length ? 'No evaluation result bears on this claim. Upload the vendor’s eval files (lm-evaluation-harness JSON, CSV) to check it.' : 'No evaluation evidence applies to this claim.'),
    h('h3', null, `Findings (${findings.length})`),
    findings.length ? h('ul', { class: 'findings-mini' }, findings.map(findingItem)) : h('p', { class: 'muted' }, 'No findings on this claim.'),
  );
}

/**
 * @param {import('./view-model.js').Link} l
 * @param {import('./view-model.js').ReportIndex} idx
 * @param {import('./view-model.js').Quantity[]} quantities
 */
function linkBlock(l, idx, quantities) {
  const q = typeof l.quantityIndex === 'number' ? quantities[l.quantityIndex] : undefined;
  const records = (Array.isArray(l.evidenceIds) ? l.evidenceIds : []).flatMap((id) => idx.evidenceById.get(id) ?? []);
  return h(
    'section',
    { class: `link verdict-box verdict-box-${l.verdict}` },
    h('p', null, h('span', { class: `verdict verdict-${l.verdict}` }, VERDICT_WORDS[l.verdict] ?? l.verdict), q ? ` · ${quantityText(q)}` : ''),
    h(
      'table',
      { class: 'compare' },
      h('tbody', null,
        h('tr', null, h('th', { scope: 'row' }, 'Claimed'), h('td', { class: 'num' }, fmtNum(l.expected))),
        h('tr', null, h('th', { scope: 'row' }, 'Observed'), h('td', { class: 'num' }, fmtNum(l.observed))),
        h('tr', null, h('th', { scope: 'row' }, 'Tolerance'), h('td', { class: 'num' }, l.tolerance === undefined ? '—' : `± ${fmtNum(l.tolerance)}`)),
        l.expected !== undefined && l.observed !== undefined ? h('tr', null, h('th', { scope: 'row' }, 'Difference'), h('td', { class: 'num' }, fmtNum(l.observed - l.expected, true))) : null,
      ),
    ),
    l.note ? h('p', { class: 'note' }, l.note) : null,
    records.length
      ? h(
          'ul',
          { class: 'records' },
          records.map((e) =>
            h(
              'li',
              null,
              h('strong', null, e.source),
              e.location ? ` (${e.location})` : '',
              h('br'),
              `Tier: ${TIER_WORDS[e.tier] ?? e.tier}`,
              h('br'),
              `${e.benchmark}${e.group ? ` / ${e.group}` : ''} · ${e.metric} = ${e.rawValue ?? e.value}${e.stderr !== undefined ? ` ± ${e.stderr}` : ''}`,
              [e.shots !== undefined ? `${e.shots}-shot` : '', e.split ?? '', e.model ? `model ${e.model}` : '', e.revision ? `rev ${e.revision}` : '', e.date ?? ''].filter(Boolean).length
                ? h('span', { class: 'muted' }, ` · ${[e.shots !== undefined ? `${e.shots}-shot` : '', e.split ?? '', e.model ? `model ${e.model}` : '', e.revision ? `rev ${e.revision}` : '', e.date ?? ''].filter(Boolean).join(', ')}`)
                : null,
              e.methodology?.harness ? h('span', { class: 'muted' }, ` · ${e.methodology.harness}${e.methodology.harnessVersion ? ` ${e.methodology.harnessVersion}` : ''}`) : null,
            ),
          ),
        )
      : null,
  );
}

/** @param {import('./view-model.js').Finding} f */
export function findingItem(f) {
  return h(
    'li',
    { class: `finding sev-${f.severity}${f.suppressed ? ' is-suppressed' : ''}` },
    h('span', { class: `finding-badge sev-${f.severity}` }, `${severityIcon(f.severity)} ${f.severity}`),
    ' ',
    h('code', null, f.ruleId),
    ' ',
    f.message,
    f.remedy ? h('p', { class: 'remedy' }, h('strong', null, 'Remedy: '), f.remedy) : null,
    f.suppressed ? h('p', { class: 'muted' }, `Suppressed: ${f.suppressed.reason} (${f.suppressed.source})`) : null,
  );
}

/** @param {number | undefined} n @param {boolean} [signed] */
function fmtNum(n, signed = false) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const s = Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 1 ? 3 : 2).replace(/0+$/, '').replace(/\.$/, '');
  return signed && n > 0 ? `+${s}` : s;
}
