import { Fragment } from 'react';
import type { Bid } from '../../../../shared/api/bids.js';
import { formatPriceAmount, formatVolume, NO_VALUE } from '../../format.js';
import { blockRows, curveRows, fieldRows, type BlockText } from './bid-comparison.js';

const MINE = 'This terminal';
const THEIRS = 'Shared database';

/** A cell of one version; marked when the versions differ there (colour, and a ≠ for readers without it). */
function Cell({ text, differs, num = false }: { text: string; differs: boolean; num?: boolean }) {
  const classes = [num ? 'num' : '', differs ? 'diff' : ''].filter(Boolean).join(' ');
  return <td className={classes || undefined}>{text}</td>;
}

const DiffMark = ({ differs }: { differs: boolean }) => (
  <td className="diff-mark" aria-label={differs ? 'differs' : 'same'}>
    {differs ? '≠' : ''}
  </td>
);

interface BidComparisonProps {
  mine: Bid;
  theirs: Bid;
  /** The currency of a zone, for the price columns' headings. */
  currencyOf: (zoneId: string) => string;
  /** Names the tables after the conflict, e.g. "bid 3f2a9c1d…". */
  name: string;
}

/** Both versions of a bid side by side: target and state, then the curve point by point or the blocks one by one. */
export function BidComparison({ mine, theirs, currencyOf, name }: BidComparisonProps) {
  const curve = curveRows(mine, theirs);
  const blocks = blockRows(mine, theirs);
  const [mineCurrency, theirCurrency] = [currencyOf(mine.zoneId), currencyOf(theirs.zoneId)];
  const blockCurrency = mineCurrency === theirCurrency ? mineCurrency : `${mineCurrency} / ${theirCurrency}`;
  return (
    <div className="comparison">
      <table className="grid comparison__fields" aria-label={`Both versions of ${name}`}>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="diff-mark" aria-label="Differs" />
            <th scope="col">{MINE} (mine)</th>
            <th scope="col">{THEIRS} (theirs, when the conflict was found)</th>
          </tr>
        </thead>
        <tbody>
          {fieldRows(mine, theirs).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <DiffMark differs={row.differs} />
              <Cell text={row.mine} differs={row.differs} />
              <Cell text={row.theirs} differs={row.differs} />
            </tr>
          ))}
        </tbody>
      </table>
      {curve.length > 0 && (
        <div className="comparison__scroll">
          <table className="grid" aria-label={`Curve of ${name} in both versions`}>
            <thead>
              <tr>
                <th scope="colgroup" colSpan={3} />
                <th scope="colgroup" colSpan={2} className="comparison__side">
                  {MINE}
                </th>
                <th scope="colgroup" colSpan={2} className="comparison__side">
                  {THEIRS}
                </th>
              </tr>
              <tr>
                <th scope="col" className="num">
                  Period
                </th>
                <th scope="col" className="num">
                  Point
                </th>
                <th scope="col" className="diff-mark" aria-label="Differs" />
                {[mineCurrency, theirCurrency].map((currency, side) => (
                  <Fragment key={side}>
                    <th scope="col" className="num comparison__side">
                      Price ({currency}/MWh)
                    </th>
                    <th scope="col" className="num">
                      Volume (MW, + buy / − sell)
                    </th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {curve.map((row) => (
                <tr key={`${String(row.period)}:${String(row.point)}`}>
                  <td className="num">{row.period}</td>
                  <td className="num muted">{row.point + 1}</td>
                  <DiffMark differs={row.priceDiffers || row.volumeDiffers} />
                  {[row.mine, row.theirs].map((point, side) => (
                    <Fragment key={side}>
                      <Cell num text={point ? formatPriceAmount(point.price) : NO_VALUE} differs={row.priceDiffers} />
                      <Cell num text={point ? formatVolume(point.volume) : NO_VALUE} differs={row.volumeDiffers} />
                    </Fragment>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {blocks.length > 0 && (
        <div className="comparison__scroll">
          <table className="grid" aria-label={`Blocks of ${name} in both versions`}>
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Version</th>
                <th scope="col" className="num">
                  Price ({blockCurrency}/MWh)
                </th>
                <th scope="col">Min. acceptance</th>
                <th scope="col">Periods: volume (MW, + buy / − sell)</th>
                <th scope="col">Linked</th>
              </tr>
            </thead>
            {blocks.map((row) => (
              <tbody key={row.id} className="comparison__block">
                {(
                  [
                    [MINE, row.mine],
                    [THEIRS, row.theirs],
                  ] as const
                ).map(([side, text]) => (
                  <tr key={side}>
                    {side === MINE && (
                      <th scope="rowgroup" rowSpan={2}>
                        {row.mine?.name ?? row.theirs?.name}
                        {row.mine && row.theirs && row.differs.has('name') && <span className="row-detail diff">theirs: {row.theirs.name}</span>}
                      </th>
                    )}
                    <td className="muted">{side}</td>
                    {text ? (
                      (['price', 'acceptance', 'periods', 'link'] as const satisfies readonly (keyof BlockText)[]).map((column) => (
                        <Cell key={column} num={column === 'price'} text={text[column]} differs={row.differs.has(column)} />
                      ))
                    ) : (
                      <td colSpan={4} className="diff">
                        not in this version
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </div>
  );
}
