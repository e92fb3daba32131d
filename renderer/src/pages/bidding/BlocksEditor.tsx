import type { BidIssue } from '../../../../shared/api/bids.js';
import { blockKey, newBlock, type BlockText, type IssueKey } from './bid-form.js';
import { IssueText } from './IssueText.js';

interface BlocksEditorProps {
  blocks: readonly BlockText[];
  onChange: (blocks: readonly BlockText[], touched: readonly IssueKey[]) => void;
  periods: { first: number; last: number };
  labelOf: (period: number) => string;
  issuesAt: (key: IssueKey) => readonly BidIssue[];
  currency: string;
  readOnly: boolean;
}

type TextField = Exclude<keyof BlockText, 'id' | 'parentBlockId'>;

const COLUMNS: readonly { field: TextField; label: string; hint?: string; numeric: boolean }[] = [
  { field: 'name', label: 'Name', numeric: false },
  { field: 'price', label: 'Price', numeric: true },
  { field: 'from', label: 'From period', numeric: true },
  { field: 'to', label: 'To period', numeric: true },
  { field: 'volume', label: 'Volume (MW, + buy / − sell)', hint: 'one for every period, or one per period: 10 12 14', numeric: true },
  { field: 'minAcceptanceRatio', label: 'Min. acceptance', hint: '0.01–1 (1: all or nothing)', numeric: true },
  { field: 'exclusiveGroup', label: 'Exclusive group', numeric: false },
];

/** Block orders: each a price and a volume over a range of consecutive periods, with its acceptance ratio and links. */
export function BlocksEditor({ blocks, onChange, periods, labelOf, issuesAt, currency, readOnly }: BlocksEditorProps) {
  const edit = (at: number, changes: Partial<BlockText>, field: keyof BlockText): void => {
    const touched = field === 'from' || field === 'to' ? [blockKey(at, 'periods'), blockKey(at, 'volume')] : [blockKey(at, field)];
    onChange(
      blocks.map((block, k) => (k === at ? { ...block, ...changes } : block)),
      touched,
    );
  };
  const remove = (at: number): void => {
    const gone = blocks[at]?.id;
    // Children of a removed block lose their link rather than point at nothing.
    onChange(
      blocks.filter((_, k) => k !== at).map((block) => (block.parentBlockId === gone ? { ...block, parentBlockId: '' } : block)),
      [],
    );
  };

  return (
    <div className="blocks-editor">
      <table className="grid block-table" aria-label="Blocks">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.field} scope="col" title={column.hint} className={column.numeric ? 'num' : undefined}>
                {column.field === 'price' ? `Price (${currency}/MWh)` : column.label}
              </th>
            ))}
            <th scope="col">Parent block</th>
            {!readOnly && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {blocks.map((block, at) => (
            <tr key={block.id}>
              {COLUMNS.map((column) => {
                const key = column.field === 'from' || column.field === 'to' ? blockKey(at, 'periods') : blockKey(at, column.field);
                const issues = column.field === 'to' ? [] : issuesAt(key);
                return (
                  <td key={column.field} className={issues.some((issue) => issue.severity === 'error') ? 'cell--invalid' : undefined}>
                    <input
                      className={`cell-input cell-input--${column.field}`}
                      aria-label={`${column.label}, block ${String(at + 1)}`}
                      inputMode={column.numeric ? 'decimal' : undefined}
                      value={block[column.field]}
                      readOnly={readOnly}
                      title={column.field === 'from' || column.field === 'to' ? labelOf(Number(block[column.field])) : column.hint}
                      onChange={(event) => edit(at, { [column.field]: event.target.value }, column.field)}
                    />
                    <IssueText issues={issues} />
                  </td>
                );
              })}
              <td>
                <select aria-label={`Parent block, block ${String(at + 1)}`} value={block.parentBlockId} disabled={readOnly} onChange={(event) => edit(at, { parentBlockId: event.target.value }, 'parentBlockId')}>
                  <option value="">none</option>
                  {blocks
                    .filter((other) => other.id !== block.id)
                    .map((other) => (
                      <option key={other.id} value={other.id}>
                        {other.name || 'unnamed block'}
                      </option>
                    ))}
                </select>
                <IssueText issues={issuesAt(blockKey(at, 'parentBlockId'))} />
              </td>
              {!readOnly && (
                <td className="actions">
                  <button type="button" className="button button--small" aria-label={`Remove block ${String(at + 1)}`} onClick={() => remove(at)}>
                    ×
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <IssueText issues={issuesAt('blocks')} />
      {!readOnly && (
        <div className="button-row">
          <button type="button" className="button button--small" onClick={() => onChange([...blocks, newBlock(blocks.length, periods)], [])}>
            Add block
          </button>
          <span className="muted">
            Periods {labelOf(periods.first)} to {labelOf(periods.last)}
          </span>
        </div>
      )}
    </div>
  );
}
