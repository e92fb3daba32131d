import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { BidIssue } from '../../../../shared/api/bids.js';
import type { PriceLimits } from '../../../../shared/api/zones.js';
import { parseDecimal, parsePastedCurve, type PastedRow } from '../../../../shared/bids/curve-paste.js';
import { cellKey, EMPTY_ROW, periodKey, type BidForm, type CurveRowText, type IssueKey } from './bid-form.js';
import { CurveChart } from './CurveChart.js';
import { IssueText } from './IssueText.js';

type Column = 'price' | 'volume';
type Curve = BidForm['curve'];

interface CurveEditorProps {
  curve: Curve;
  onChange: (curve: Curve, touched: readonly IssueKey[]) => void;
  period: number;
  onPeriod: (period: number) => void;
  /** The periods the market trades that day (the whole day, or an auction's window). */
  periods: { first: number; last: number };
  labelOf: (period: number) => string;
  /** The findings shown at a place of the form (after the trader touched it, or tried to save). */
  issuesAt: (key: IssueKey) => readonly BidIssue[];
  hasErrors: (period: number) => boolean;
  minRows: number;
  readOnly: boolean;
  chart: { kind: 'step' | 'linear'; limits: PriceLimits | null; recentPrice: number | null; currency: string };
}

const rowsOf = (curve: Curve, period: number, minRows: number): readonly CurveRowText[] => {
  const rows = curve[period] ?? [];
  return rows.length >= minRows ? rows : [...rows, ...Array.from({ length: minRows - rows.length }, () => EMPTY_ROW)];
};

const range = (first: number, last: number): number[] => Array.from({ length: Math.max(last - first + 1, 0) }, (_, k) => first + k);

/**
 * One period's curve at a time: a table of price and volume rows, its chart beside it.
 * Keyboard: Enter and ↓ go down a row (Enter on the last row adds one), ↑ up, ← and → between
 * the two cells at the edge of the text, Insert adds a row below, Ctrl+Delete removes the row.
 * A paste of several spreadsheet rows fills the table from the cell pasted into; a paste of
 * period/price/volume rows fills each of those periods.
 */
export function CurveEditor({ curve, onChange, period, onPeriod, periods, labelOf, issuesAt, hasErrors, minRows, readOnly, chart }: CurveEditorProps) {
  const table = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<{ row: number; column: Column } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = rowsOf(curve, period, minRows);
  const filled = rows.filter((row) => row.price.trim() !== '' || row.volume.trim() !== '');
  const bidPeriods = Object.keys(curve)
    .map(Number)
    .filter((p) => (curve[p] ?? []).some((row) => row.price.trim() !== '' || row.volume.trim() !== ''));

  useEffect(() => {
    if (!focus) return;
    table.current?.querySelector<HTMLInputElement>(`[data-cell="${String(focus.row)}:${focus.column}"]`)?.focus();
    setFocus(null);
  }, [focus]);

  const setRows = (next: readonly CurveRowText[], touched: readonly IssueKey[]): void => onChange({ ...curve, [period]: next }, touched);
  const edit = (row: number, column: Column, value: string): void => {
    setRows(
      rows.map((current, at) => (at === row ? { ...current, [column]: value } : current)),
      [cellKey(period, row, column), periodKey(period)],
    );
  };
  const insertBelow = (row: number): void => {
    setRows([...rows.slice(0, row + 1), EMPTY_ROW, ...rows.slice(row + 1)], []);
    setFocus({ row: row + 1, column: 'price' });
  };
  const remove = (row: number): void => {
    setRows(
      rows.filter((_, at) => at !== row),
      [periodKey(period)],
    );
    setFocus({ row: Math.max(0, Math.min(row, rows.length - 2)), column: 'price' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, row: number, column: Column): void => {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      if (row === rows.length - 1 && event.key === 'Enter') insertBelow(row);
      else setFocus({ row: Math.min(row + 1, rows.length - 1), column });
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setFocus({ row: Math.max(row - 1, 0), column });
    } else if (event.key === 'ArrowRight' && column === 'price' && atEnd) {
      event.preventDefault();
      setFocus({ row, column: 'volume' });
    } else if (event.key === 'ArrowLeft' && column === 'volume' && atStart) {
      event.preventDefault();
      setFocus({ row, column: 'price' });
    } else if (event.key === 'Insert') {
      event.preventDefault();
      insertBelow(row);
    } else if (event.key === 'Delete' && event.ctrlKey) {
      event.preventDefault();
      remove(row);
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>, row: number): void => {
    const pasted = parsePastedCurve(event.clipboardData.getData('text/plain'));
    if (!pasted) return;
    event.preventDefault();
    const touchedRows = (p: number, list: readonly PastedRow[], from: number): IssueKey[] => [periodKey(p), ...list.flatMap((_, k) => [cellKey(p, from + k, 'price'), cellKey(p, from + k, 'volume')])];
    if (pasted.kind === 'rows') {
      const next = [...rows.slice(0, row), ...pasted.rows, ...rows.slice(row + pasted.rows.length)];
      setRows(next, touchedRows(period, pasted.rows, row));
      setNotice(`Pasted ${String(pasted.rows.length)} rows into ${labelOf(period)}.`);
      return;
    }
    const next: Record<number, readonly CurveRowText[]> = { ...curve };
    for (const entry of pasted.periods) next[entry.period] = entry.rows;
    onChange(
      next,
      pasted.periods.flatMap((entry) => touchedRows(entry.period, entry.rows, 0)),
    );
    const [first] = pasted.periods;
    if (first) onPeriod(first.period);
    setNotice(`Pasted the curves of ${String(pasted.periods.length)} periods (${pasted.periods.map((entry) => `P${String(entry.period)}`).join(', ')}).`);
  };

  const copyToAll = (): void => {
    const all = range(periods.first, periods.last);
    onChange(Object.fromEntries(all.map((p) => [p, filled])), all.map(periodKey));
    setNotice(`Copied ${labelOf(period)} (${String(filled.length)} rows) to all ${String(all.length)} periods.`);
  };
  const clearPeriod = (): void => {
    const { [period]: _cleared, ...rest } = curve;
    onChange(rest, []);
  };

  const points = filled.map((row) => ({ price: parseDecimal(row.price), volume: parseDecimal(row.volume) }));
  const options = [...new Set([...range(periods.first, periods.last), ...bidPeriods])].sort((a, b) => a - b);
  const step = (by: number): void => {
    const at = options.indexOf(period) + by;
    const next = options[Math.min(Math.max(at, 0), options.length - 1)];
    if (next !== undefined) onPeriod(next);
  };

  return (
    <div className="curve-editor">
      <div className="curve-editor__table">
        <div className="chart-toolbar">
          <button type="button" className="button button--small" aria-label="Previous period" onClick={() => step(-1)}>
            ◀
          </button>
          <label className="inline-field">
            Period
            <select aria-label="Period" value={period} onChange={(event) => onPeriod(Number(event.target.value))}>
              {options.map((p) => (
                <option key={p} value={p}>
                  {labelOf(p)}
                  {bidPeriods.includes(p) ? (hasErrors(p) ? '  ⚠' : '  ●') : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--small" aria-label="Next period" onClick={() => step(1)}>
            ▶
          </button>
          <span className="muted">
            {bidPeriods.length} of {options.length} periods bid
          </span>
        </div>
        <IssueText issues={issuesAt(periodKey(period))} />
        <table ref={table} className="grid curve-table" aria-label={`Curve of ${labelOf(period)}`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col" className="num">
                Price ({chart.currency}/MWh)
              </th>
              <th scope="col" className="num">
                Volume (MW, + buy / − sell)
              </th>
              {!readOnly && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, at) => {
              const cell = (column: Column) => {
                const issues = issuesAt(cellKey(period, at, column));
                const invalid = issues.some((issue) => issue.severity === 'error');
                return (
                  <td className={invalid ? 'num cell--invalid' : 'num'}>
                    <input
                      className="cell-input"
                      data-cell={`${String(at)}:${column}`}
                      aria-label={`${column === 'price' ? 'Price' : 'Volume'}, row ${String(at + 1)}`}
                      aria-invalid={invalid || undefined}
                      inputMode="decimal"
                      value={row[column]}
                      readOnly={readOnly}
                      onChange={(event) => edit(at, column, event.target.value)}
                      onKeyDown={(event) => onKeyDown(event, at, column)}
                      onPaste={(event) => onPaste(event, at)}
                    />
                    <IssueText issues={issues} />
                  </td>
                );
              };
              return (
                <tr key={String(at)}>
                  <td className="num muted">{at + 1}</td>
                  {cell('price')}
                  {cell('volume')}
                  {!readOnly && (
                    <td className="actions">
                      <button type="button" className="button button--small" tabIndex={-1} aria-label={`Remove row ${String(at + 1)}`} onClick={() => remove(at)}>
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {!readOnly && (
          <>
            <div className="button-row">
              <button type="button" className="button button--small" onClick={() => insertBelow(rows.length - 1)}>
                Add row
              </button>
              <button type="button" className="button button--small" onClick={copyToAll} disabled={filled.length === 0}>
                Copy {`P${String(period)}`} to all periods
              </button>
              <button type="button" className="button button--small" onClick={clearPeriod} disabled={filled.length === 0}>
                Clear {`P${String(period)}`}
              </button>
            </div>
            <p className="muted curve-editor__keys">
              <kbd>Enter</kbd>/<kbd>↓</kbd> next row · <kbd>Insert</kbd> add row · <kbd>Ctrl</kbd>+<kbd>Delete</kbd> remove row · paste rows from a spreadsheet (price, volume; or period, price, volume for several periods)
            </p>
          </>
        )}
        {notice && (
          <p className="notice notice--info" role="status">
            {notice}
          </p>
        )}
      </div>
      <CurveChart points={points} kind={chart.kind} limits={chart.limits} recentPrice={chart.recentPrice} currency={chart.currency} label={`Curve of ${labelOf(period)}`} />
    </div>
  );
}
