/**
 * lm-evaluation-harness Markdown logs: the tables `lm_eval.utils.make_table` prints
 * (`|Task|Version|Metric|Value| |Stderr|`, a task's further metrics on rows with an empty Task
 * cell), often grouped into titled sections ("GPT4All:", "AGIEval:") each followed by an
 * "Average: 52.99" line, as in teknium1/LLM-Benchmark-Logs. The same tables appear in cards inside
 * code blocks. Such logs carry no model name and no shot count: the model comes from the file
 * name (the caller's job), and shots stay unknown.
 */
import type { RawResult } from './raw-result.ts';

/** One metric row of a make_table table. */
export interface MakeTableRow {
  task: string;
  /** n-shot column (lm-eval 0.4 tables). */
  shots?: number;
  /** Filter column ("none", "strict-match"). */
  filter?: string;
  version?: string;
  metric: string;
  /** The value as printed ("0.5917"). */
  value: string;
  stderr?: number;
  /** 1-based line in the text. */
  line: number;
}

/** A titled section: its table rows and the average line under it. */
export interface MakeTableSection {
  title?: string;
  rows: MakeTableRow[];
  /** "Average: 52.99" as printed (undefined when the section has none; '' when the line has no value). */
  average?: { raw: string; line: number };
}

function cellsOf(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  const parts = t.replace(/^\|/, '').replace(/\|$/, '').split('|');
  return parts.map((p) => p.trim());
}

function isSeparator(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '');
}

/** Column indexes of a make_table header, or undefined when the header is not one. */
function headerColumns(cells: string[]): { task: number; version: number; metric: number; value: number; stderr: number; shots: number; filter: number } | undefined {
  const low = cells.map((c) => c.toLowerCase());
  // lm-eval 0.3 prints "Task", 0.4 "Tasks" (and "Groups" for the group table).
  const task = low.findIndex((c) => c === 'task' || c === 'tasks' || c === 'groups');
  const metric = low.indexOf('metric');
  const value = low.indexOf('value');
  if (task < 0 || metric < 0 || value < 0) return undefined;
  return { task, version: low.indexOf('version'), metric, value, stderr: low.indexOf('stderr'), shots: low.indexOf('n-shot'), filter: low.indexOf('filter') };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parse every make_table table of a text into sections. `averageLabels` are the words of the average line. */
export function parseMakeTables(text: string, averageLabels: string[]): MakeTableSection[] {
  const lines = text.split(/\r?\n/);
  const sections: MakeTableSection[] = [];
  const avg = new RegExp(`^\\s*(?:${averageLabels.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*:\\s*(.*?)\\s*$`, 'i');
  let title: string | undefined;
  let current: MakeTableSection | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cells = cellsOf(line);
    const header = cells ? headerColumns(cells) : undefined;
    if (cells && header) {
      current = { rows: [], ...(title ? { title } : {}) };
      sections.push(current);
      let task = '';
      let version: string | undefined;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const row = cellsOf(lines[j]!);
        if (!row) break;
        if (isSeparator(row)) continue;
        // 0.4 tables indent subtasks (" - arc_easy").
        const t = (row[header.task] ?? '').replace(/^-\s+/, '').trim();
        if (t !== '') {
          task = t;
          version = header.version >= 0 ? row[header.version] || undefined : undefined;
        }
        const shotCell = header.shots >= 0 ? row[header.shots] ?? '' : '';
        const filter = header.filter >= 0 ? row[header.filter] || undefined : undefined;
        const metric = row[header.metric] ?? '';
        const value = row[header.value] ?? '';
        if (!task || !metric || !NUMBER.test(value)) continue;
        // The stderr is the last numeric cell after the value ("|0.5917|±  |0.0049|").
        let stderr: number | undefined;
        const after = header.stderr >= 0 ? [row[header.stderr] ?? ''] : row.slice(header.value + 1);
        // "N/A" or an empty cell: no stderr.
        for (const c of after) if (NUMBER.test(c)) stderr = Number(c);
        current.rows.push({
          task,
          ...(version ? { version } : {}),
          ...(/^\d+$/.test(shotCell) ? { shots: Number(shotCell) } : {}),
          ...(filter ? { filter } : {}),
          metric,
          value,
          ...(stderr !== undefined ? { stderr } : {}),
          line: j + 1,
        });
      }
      i = j - 1;
      continue;
    }
    const a = avg.exec(line);
    if (a && current && current.average === undefined) {
      current.average = { raw: a[1]!.replace(/`+$/, '').trim(), line: i + 1 };
      continue;
    }
    const t = line.trim().replace(/^`{3,}.*$/, '');
    if (t !== '' && !cells) {
      // A plain line before a table titles it ("GPT4All:", "BigBench Reasoning Test").
      title = t.replace(/[:：]\s*$/, '').replace(/^#+\s*/, '').replace(/\*\*/g, '').trim();
      current = undefined;
    }
  }
  return sections;
}

/** True when a text holds at least one make_table table. */
export function looksLikeMakeTable(text: string): boolean {
  const head = text.slice(0, 20000);
  return /^\s*\|\s*(Tasks?|Groups)\s*\|(.*\|)?\s*Metric\s*\|(.*\|)?\s*Value\s*\|/im.test(head);
}

/** Raw results of make_table sections: one per metric row, one per non-empty average line (its members are the section's tasks). */
export function makeTableResults(sections: MakeTableSection[], base: RawResult['methodology'], noFilter: readonly string[] = ['none']): { results: RawResult[]; emptyAverages: string[] } {
  const out: RawResult[] = [];
  const emptyAverages: string[] = [];
  for (const s of sections) {
    for (const r of s.rows) {
      const methodology: RawResult['methodology'] = { ...base };
      if (r.version !== undefined) methodology.taskVersion = r.version;
      if (s.title) methodology.suite = s.title;
      if (r.filter !== undefined) methodology.filter = r.filter;
      const raw: RawResult = { benchmarkText: r.task, metricText: r.metric, value: r.value, scaleHint: 'fraction', location: `line ${r.line}`, methodology };
      if (r.stderr !== undefined) raw.stderr = r.stderr;
      if (r.shots !== undefined) raw.shots = r.shots;
      if (r.filter !== undefined && !noFilter.includes(r.filter)) raw.answerFilter = r.filter;
      out.push(raw);
    }
    if (s.average) {
      const v = s.average.raw.replace(/%$/, '').trim();
      if (!NUMBER.test(v)) {
        emptyAverages.push(`line ${s.average.line}`);
        continue;
      }
      const members = [...new Set(s.rows.map((r) => r.task))];
      const methodology: RawResult['methodology'] = { ...base, members, aggregation: 'average of the section' };
      out.push({
        benchmarkText: s.title ?? 'average',
        value: v,
        scaleHint: 'percent',
        location: `line ${s.average.line}`,
        methodology,
        aggregateOf: members,
      });
    }
  }
  return { results: out, emptyAverages };
}
