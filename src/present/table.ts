// Plain-text tables for the command line: a header, a rule, and rows; the first `names` columns
// (default 2) are left-aligned, the others right-aligned (numbers).

export function table(header: string[], rows: string[][], names = 2): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => (c < names ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}
