// Turns passes of measurements into lines `name  value unit  limit-name limit-value  ratio  goal`, takes medians over
// passes (--repeat), prints the table and writes the JSON file.
import { CONTENDED_CORES } from './cpu.ts';
import { goalTable } from './goals.ts';
import type { BenchPath, CpuShare, Figure, LimitKey, LimitResult, Measurement } from './types.ts';

export interface Pass {
  limits: LimitResult[];
  figures: Map<string, Figure[]>;
}

export interface Line {
  path: string;
  name: string;
  figure: Figure;
  limit: { key: LimitKey; label: string; value?: number; unit?: string; missing?: string };
  ratio?: number;
  goal?: { id: string; text: string; pass: boolean | null };
}

export interface Report {
  limits: LimitResult[];
  paths: { name: string; title: string; figures: Figure[] }[];
  lines: Line[];
  goals: { id: string; what: string; target: string; status: string; results: { line: string; ratio?: number; p99Ms?: number; pass: boolean | null }[] }[];
}

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function medianMeasurement<T extends Measurement>(ms: T[]): T {
  if (ms.length === 1) return ms[0];
  const pick = (f: (m: Measurement) => number | undefined) => {
    const vals = ms.map(f).filter((x): x is number => x !== undefined);
    return vals.length ? median(vals) : undefined;
  };
  const cpu: CpuShare = {
    server: pick((m) => m.cpu?.server),
    serverUsPerRequest: pick((m) => m.cpu?.serverUsPerRequest),
    generator: pick((m) => m.cpu?.generator),
    postgres: pick((m) => m.cpu?.postgres),
    pgbench: pick((m) => m.cpu?.pgbench),
    other: pick((m) => m.cpu?.other),
    machine: pick((m) => m.cpu?.machine),
  };
  return {
    ...ms[0],
    value: median(ms.map((m) => m.value)),
    p50Ms: pick((m) => m.p50Ms),
    p99Ms: pick((m) => m.p99Ms),
    avgMs: pick((m) => m.avgMs),
    count: pick((m) => m.count),
    cpu: ms[0].cpu ? cpu : undefined,
  };
}

/** "srv 98% 61µs · gen 95% · pg 40% · other 3%": where the CPU went, in % of one core; ⚠ when other work intruded. */
export function fmtCpu(cpu: CpuShare | undefined): string {
  if (!cpu) return '';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const parts: string[] = [];
  if (cpu.server !== undefined) {
    parts.push(`srv ${pct(cpu.server)}${cpu.serverUsPerRequest !== undefined ? ` ${fmtValue(cpu.serverUsPerRequest)}µs` : ''}`);
  }
  if (cpu.generator !== undefined && (cpu.server !== undefined || cpu.pgbench === undefined))
    parts.push(`${cpu.server !== undefined ? 'gen' : 'self'} ${pct(cpu.generator)}`);
  if (cpu.pgbench !== undefined) parts.push(`pgbench ${pct(cpu.pgbench)}`);
  if (cpu.postgres !== undefined && (cpu.postgres >= 0.01 || cpu.pgbench !== undefined || cpu.server !== undefined)) parts.push(`pg ${pct(cpu.postgres)}`);
  if (cpu.other !== undefined) parts.push(`other ${pct(cpu.other)}${contended(cpu) ? ' ⚠' : ''}`);
  return parts.join(' · ');
}

export function contended(cpu: CpuShare | undefined): boolean {
  return (cpu?.other ?? 0) > CONTENDED_CORES;
}

function ratioOf(figure: Figure | undefined, limit: LimitResult | undefined): number | undefined {
  if (!figure || !limit || limit.status !== 'ok' || !(limit.m.value > 0)) return undefined;
  return figure.value / limit.m.value;
}

function goalText(g: { id: string; min?: number; p99MaxMs?: number }): string {
  const parts = [];
  if (g.min !== undefined) parts.push(`≥${g.min.toFixed(2)}`);
  if (g.p99MaxMs !== undefined) parts.push(`p99≤${g.p99MaxMs}ms`);
  return `${g.id} ${parts.join(' ')}`;
}

/** Medians over passes; a line's ratio is the median of the ratios taken within each pass (limit and path side by side). */
export function buildReport(paths: BenchPath[], passes: Pass[], labels: Map<LimitKey, string>): Report {
  const limitKeys = [...new Set(passes.flatMap((p) => p.limits.map((l) => l.key)))];
  const limits: LimitResult[] = limitKeys.map((key) => {
    const all = passes.map((p) => p.limits.find((l) => l.key === key)).filter((l): l is LimitResult => !!l);
    const ok = all.filter((l): l is Extract<LimitResult, { status: 'ok' }> => l.status === 'ok');
    if (ok.length === 0) return all[0];
    return { ...ok[0], m: medianMeasurement(ok.map((l) => l.m)) };
  });

  const lines: Line[] = [];
  const pathReports: Report['paths'] = [];
  for (const p of paths) {
    const perPass = passes.map((pass) => pass.figures.get(p.name)).filter((f): f is Figure[] => !!f);
    if (perPass.length === 0) continue;
    const labelsOfPath = [...new Set(perPass.flatMap((fs) => fs.map((f) => f.label)))];
    const figures = labelsOfPath.map((label) => medianMeasurement(perPass.map((fs) => fs.find((f) => f.label === label)).filter((f): f is Figure => !!f)));
    pathReports.push({ name: p.name, title: p.title, figures });

    const compared = new Set<string>();
    for (const c of p.limit) {
      const figure = figures.find((f) => f.label === c.figure);
      if (!figure) continue;
      compared.add(c.figure);
      const limit = limits.find((l) => l.key === c.limit);
      const ratios = passes
        .map((pass) =>
          ratioOf(
            pass.figures.get(p.name)?.find((f) => f.label === c.figure),
            pass.limits.find((l) => l.key === c.limit),
          ),
        )
        .filter((r): r is number => r !== undefined);
      const ratio = ratios.length ? median(ratios) : undefined;
      const g = p.goal.find((g) => g.figure === c.figure && g.limit === c.limit);
      let goal: Line['goal'];
      if (g) {
        let pass: boolean | null = null;
        if (ratio !== undefined || g.min === undefined) {
          pass = (g.min === undefined || (ratio ?? 0) >= g.min) && (g.p99MaxMs === undefined || (figure.p99Ms ?? Infinity) <= g.p99MaxMs);
        }
        goal = { id: g.id, text: goalText(g), pass };
      }
      lines.push({
        path: p.name,
        name: `${p.name} ${figure.label}`,
        figure,
        limit: {
          key: c.limit,
          label: labels.get(c.limit) ?? c.limit,
          value: limit?.status === 'ok' ? limit.m.value : undefined,
          unit: limit?.status === 'ok' ? limit.m.unit : undefined,
          missing: !limit ? 'not measured' : limit.status === 'missing' ? limit.reason : undefined,
        },
        ratio,
        goal,
      });
    }
    for (const figure of figures.filter((f) => !compared.has(f.label))) {
      lines.push({ path: p.name, name: `${p.name} ${figure.label}`, figure, limit: { key: '' as LimitKey, label: '', missing: 'no limit' } });
    }
  }

  const goals: Report['goals'] = goalTable.map((g) => {
    const results = lines
      .filter((l) => l.goal?.id === g.id)
      .map((l) => ({ line: `${l.name} / ${l.limit.label}`, ratio: l.ratio, p99Ms: l.figure.p99Ms, pass: l.goal?.pass ?? null }));
    let status: string;
    if (results.length) {
      status = results.some((r) => r.pass === null) ? 'measured (limit missing)' : results.every((r) => r.pass) ? 'measured: pass' : 'measured: FAIL';
    } else {
      const ready = g.limits.map((k) => limits.find((l) => l.key === k)).filter((l): l is LimitResult => !!l && l.status === 'ok');
      const shown = ready.map((l) => (l.status === 'ok' ? `${l.label} ${fmtValue(l.m.value)} ${l.m.unit}` : '')).join('; ');
      status = `pending: ${g.pending}${shown ? ` (limit: ${shown})` : ''}`;
    }
    return { id: g.id, what: g.what, target: g.target, status, results };
  });

  return { limits, paths: pathReports, lines, goals };
}

export function fmtValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  if (v >= 1000) return Math.round(v).toLocaleString('en-US');
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function fmtMs(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    '  ' +
    r
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

/** `everything`: a run without --only, where every goal is listed; otherwise only those the run touched. */
export function formatReport(report: Report, everything = true): string {
  const out: string[] = [];
  if (report.limits.length) {
    out.push('', 'Limits (this machine, this run)');
    out.push(
      table(
        ['limit', 'value', 'unit', 'p50', 'p99', 'avg', 'CPU'],
        report.limits.map((l) =>
          l.status === 'ok'
            ? [l.label, fmtValue(l.m.value), l.m.unit, fmtMs(l.m.p50Ms), fmtMs(l.m.p99Ms), fmtMs(l.m.avgMs), fmtCpu(l.m.cpu)]
            : [l.label, 'n/a', '', `missing: ${l.reason}`, '', '', ''],
        ),
        new Set([1, 3, 4, 5]),
      ),
    );
  }
  if (report.lines.length) {
    out.push('', 'Platform paths (ratio = path / limit; goal from performance-notes §4a)');
    out.push(
      table(
        ['name', 'value', 'unit', 'p50', 'p99', 'limit', 'limit value', 'ratio', 'goal', 'CPU'],
        report.lines.map((l) => [
          l.name,
          fmtValue(l.figure.value),
          l.figure.unit,
          fmtMs(l.figure.p50Ms),
          fmtMs(l.figure.p99Ms),
          l.limit.label,
          l.limit.value !== undefined ? `${fmtValue(l.limit.value)} ${l.limit.unit}` : l.limit.label ? 'n/a' : '',
          l.ratio !== undefined ? l.ratio.toFixed(l.ratio < 0.1 ? 3 : 2) : l.limit.label ? 'n/a' : '',
          l.goal ? `${l.goal.text} ${l.goal.pass === null ? '(n/a)' : l.goal.pass ? '(pass)' : '(FAIL)'}` : '—',
          fmtCpu(l.figure.cpu),
        ]),
        new Set([1, 3, 4, 6, 7]),
      ),
    );
    const notes = [...new Set(report.lines.filter((l) => l.figure.note).map((l) => `${l.name}: ${l.figure.note}`))];
    if (notes.length) out.push(...notes.map((n) => `  ${n}`));
    const missing = report.lines.filter((l) => l.limit.missing && l.limit.label);
    if (missing.length) out.push(`  n/a: ${[...new Set(missing.map((l) => `${l.limit.label}: ${l.limit.missing}`))].join('; ')}`);
  }
  const skewed = [
    ...report.limits.filter((l) => l.status === 'ok' && contended(l.m.cpu)).map((l) => l.label),
    ...[...new Set(report.lines.filter((l) => contended(l.figure.cpu)).map((l) => l.name))],
  ];
  if (skewed.length) {
    out.push(
      '',
      `⚠ Other work on the machine took more than ${CONTENDED_CORES} of a core during: ${skewed.join('; ')}.`,
      '  Those figures (and ratios built on them) are low and noisy; rerun when the machine is quiet.',
    );
  }
  const measuredLimits = new Set(report.limits.filter((l) => l.status === 'ok').map((l) => l.key));
  const shownGoals = report.goals.filter(
    (g) => everything || g.results.length > 0 || (goalTable.find((t) => t.id === g.id)?.limits ?? []).some((k) => measuredLimits.has(k)),
  );
  if (shownGoals.length) {
    out.push('', 'Goals (performance-notes §4a R1–R11, and the scale goals S of §4b)');
    for (const g of shownGoals) {
      out.push(`  ${g.id}  ${g.what}: ${g.target}`);
      const results = g.results.map(
        (r) => `${r.line} ${r.ratio?.toFixed(2) ?? 'n/a'} (p99 ${fmtMs(r.p99Ms)}) ${r.pass === null ? 'n/a' : r.pass ? 'pass' : 'FAIL'}`,
      );
      out.push(`      ${g.status}${results.length ? ` — ${results.join(', ')}` : ''}`);
    }
  }
  return out.join('\n');
}
