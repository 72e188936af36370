/**
 * Aligned columns for a terminal, fitted to its width as `ps` does: a column with a short form
 * (service IDs) takes it first, then shrinkable columns are cut with an ellipsis, and when that is
 * not enough the least useful columns are left out (--json always has everything). Every cell is
 * escaped: cells hold names that come from devices.
 */
import { safe } from './terminal-text.js';

export interface Column {
  header: string;
  /** Columns with the lowest `drop` are left out first; without it a column is always shown. */
  drop?: number;
  /** May be cut down to this many characters (with an ellipsis) before any column is dropped. */
  shrinkTo?: number;
  /**
   * The column's cells in a shorter form that still tells the rows apart, shown in place of the
   * whole cells when the table does not fit whole, before anything is cut or left out.
   */
  short?: (cells: readonly string[]) => string[];
}

const GAP = 2;

/** The width to fit: the terminal's, or $COLUMNS when piped; unlimited when neither is known. */
function outputWidth(out: NodeJS.WriteStream = process.stdout): number {
  if (out.isTTY && out.columns > 0) return out.columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Number.POSITIVE_INFINITY;
}

/** Which columns to show, and how wide, for cells of these natural widths. */
export function fitColumns(
  columns: readonly Column[],
  natural: readonly number[],
  limit: number,
): { shown: number[]; widths: number[] } {
  let shown = columns.map((_, i) => i);
  for (;;) {
    const widths = shown.map((i) => natural[i] ?? 0);
    const total = widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, shown.length - 1);
    let excess = total - limit;
    // Cut the widest shrinkable column first, as long as it stays at its floor or above.
    while (excess > 0) {
      let widest = -1;
      shown.forEach((column, k) => {
        const floor = Math.max(
          columns[column]?.shrinkTo ?? Infinity,
          columns[column]?.header.length ?? 0,
        );
        if ((widths[k] ?? 0) > floor && (widest < 0 || (widths[k] ?? 0) > (widths[widest] ?? 0)))
          widest = k;
      });
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      excess -= 1;
    }
    if (excess <= 0) return { shown, widths };
    const droppable = shown.filter((i) => columns[i]?.drop !== undefined);
    if (droppable.length === 0) return { shown, widths };
    const first = droppable.reduce((a, b) =>
      (columns[b]?.drop ?? 0) < (columns[a]?.drop ?? 0) ? b : a,
    );
    shown = shown.filter((i) => i !== first);
  }
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

interface Layout {
  cells: readonly (readonly string[])[];
  shown: number[];
  widths: number[];
  /** Every column shown, none cut. */
  whole: boolean;
}

function layout(
  columns: readonly Column[],
  cells: readonly (readonly string[])[],
  limit: number,
): Layout {
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const { shown, widths } = fitColumns(columns, natural, limit);
  const whole = shown.length === columns.length && widths.every((w, k) => w >= (natural[k] ?? 0));
  return { cells, shown, widths, whole };
}

/** The cells with every column that has a short form in it. */
function shortened(columns: readonly Column[], cells: readonly (readonly string[])[]): string[][] {
  const byColumn = columns.map((c, i) => {
    const column = cells.map((row) => row[i] ?? '');
    return c.short ? c.short(column) : column;
  });
  return cells.map((_, r) => columns.map((_, i) => byColumn[i]?.[r] ?? ''));
}

export function printTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  out: NodeJS.WriteStream = process.stdout,
): void {
  const limit = outputWidth(out);
  const full = layout(
    columns,
    rows.map((row) => columns.map((_, i) => safe(row[i] ?? ''))),
    limit,
  );
  const { cells, shown, widths } =
    full.whole || !columns.some((c) => c.short)
      ? full
      : layout(columns, shortened(columns, full.cells), limit);
  const line = (row: readonly string[]): string =>
    shown
      .map((column, k) => {
        const text = cut(row[column] ?? '', widths[k] ?? 0);
        return k === shown.length - 1 ? text : text.padEnd(widths[k] ?? 0);
      })
      .join(' '.repeat(GAP));
  const headers = columns.map((c) => c.header);
  out.write(`${[line(headers), ...cells.map(line)].join('\n')}\n`);
}
