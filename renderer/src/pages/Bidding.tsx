import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { DEFAULT_BID_WARNING_THRESHOLDS, type Bid } from '../../../shared/api/bids.js';
import { engine, type BidFilters } from '../api/engine.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useLoad } from '../components/use-load.js';
import { useNow } from '../components/use-now.js';
import { useSelectedZone } from '../state/selected-zone.js';
import { toast } from '../state/toast-store.js';
import { useZoneToday, useZoneTodayFeed } from '../state/zone-today.js';
import { useSettingChanges } from '../state/use-setting-changes.js';
import { messageOf } from '../transport/api-error.js';
import { transport } from '../transport/index.js';
import { BidEditor } from './bidding/BidEditor.js';
import { BidHistory } from './bidding/BidHistory.js';
import { nextOpenDay } from './bidding/bid-form.js';
import { CopyDayDialog } from './bidding/CopyDayDialog.js';

/**
 * Bidding: the bid open in the editor (`?bid=<id>`, or `?new` for a new one, which the "n"
 * shortcut opens) above the organisation's bid history. Both follow the bid-update events, so
 * a bid changed in another terminal shows here without a reload.
 */
export function Bidding() {
  const catalogue = useLoad(useCallback(() => engine.zones(), []));
  const thresholds = useLoad(useCallback(() => engine.bidWarningThresholds(), []));
  const allAssets = useLoad(useCallback(() => engine.assets(), []));
  const zones = catalogue.data?.zones ?? null;
  useZoneTodayFeed(zones);
  const today = useZoneToday((state) => state.byZone);
  const selectedZone = useSelectedZone((state) => state.zoneId);
  const now = useNow(1000);
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const openId = params.get('bid');
  const isNew = params.has('new') && openId === null;
  // A new id for each new bid (also when "n" is pressed again on a new one): the engine keys the draft by it.
  const newId = useMemo(() => crypto.randomUUID(), [isNew, location.key]);

  const [filters, setFilters] = useState<BidFilters>({ status: [] });
  const list = useLoad(useCallback(() => engine.bids(filters), [filters]));
  const [opened, setOpened] = useState<Bid | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [copyOpen, setCopyOpen] = useState(false);

  const fetchOpen = useCallback((id: string) => {
    engine
      .bid(id)
      .then((bid) => {
        setOpened((current) => (current?.id === bid.id && current.version > bid.version ? current : bid));
        setOpenError(null);
      })
      .catch((error: unknown) => setOpenError(messageOf(error)));
  }, []);
  useEffect(() => {
    if (openId && opened?.id !== openId) fetchOpen(openId);
  }, [openId, opened?.id, fetchOpen]);

  // Events name the bid; the terminal reads it through the API (its own changes come back too, and change nothing).
  const openRef = useRef(openId);
  openRef.current = openId;
  const { reload } = list;
  useEffect(
    () =>
      transport.subscribe('bid-update', (event) => {
        reload();
        const { bidId, change } = event.data;
        if (bidId !== openRef.current) return;
        if (change === 'deleted') {
          toast('warning', 'The open bid was deleted in another terminal');
          setParams({}, { replace: true });
        } else fetchOpen(bidId);
      }),
    [reload, fetchOpen, setParams],
  );

  // An owner or admin changed the fat-finger thresholds (here or at another terminal): the form warns by the new ones at once.
  useSettingChanges('bidWarningThresholds', thresholds.reload);

  const assetName = (id: string): string => allAssets.data?.assets.find((asset) => asset.id === id)?.name ?? id.slice(0, 8);
  const recentPriceOf = (zoneId: string): number | null => today[zoneId]?.last ?? null;
  const defaultZone = zones?.find((zone) => zone.id === selectedZone) ?? zones?.[0];
  const showing = isNew ? null : opened?.id === openId ? opened : null;
  const ready = zones !== null && thresholds.data !== null;

  return (
    <div className="page-grid">
      <div className="chart-toolbar bidding-toolbar">
        <button type="button" className="button button--primary" onClick={() => setParams({ new: '1' })}>
          New bid <kbd>n</kbd>
        </button>
        <button type="button" className="button" onClick={() => setCopyOpen(true)} disabled={!zones}>
          Copy from day…
        </button>
        {(openId ?? isNew) && (
          <button type="button" className="button" onClick={() => setParams({})}>
            Close bid
          </button>
        )}
      </div>
      <FormError message={catalogue.error ?? thresholds.error ?? openError} />
      {ready && defaultZone && (isNew || showing) ? (
        <BidEditor
          key={isNew ? newId : (openId ?? '')}
          bid={showing}
          newId={newId}
          zones={zones}
          defaultZone={defaultZone}
          thresholds={thresholds.data ?? DEFAULT_BID_WARNING_THRESHOLDS}
          recentPriceOf={recentPriceOf}
          onSaved={(bid) => {
            setOpened(bid);
            list.reload();
            if (openId !== bid.id) setParams({ bid: bid.id }, { replace: true });
          }}
          onDeleted={() => {
            setOpened(null);
            list.reload();
            setParams({}, { replace: true });
          }}
        />
      ) : (
        !openId && (
          <p className="panel panel__body muted bidding-empty">
            Open a bid from the history below, start a new one (<kbd>n</kbd>), or copy a day’s bids to another day.
          </p>
        )
      )}
      <Panel headingId="bid-history-heading" title="Bid history" aside={list.data ? `${String(list.data.bids.length)} bids · newest first · live` : undefined}>
        <FormError message={list.error} />
        {zones && <BidHistory bids={list.data?.bids ?? null} filters={filters} onFilters={setFilters} zones={zones} assetName={assetName} selectedId={openId} onSelect={(bid) => setParams({ bid: bid.id })} now={now} />}
      </Panel>
      {zones && defaultZone && (
        <CopyDayDialog
          open={copyOpen}
          zones={zones}
          toDate={nextOpenDay(defaultZone, 'day_ahead', null, now)}
          onClose={() => setCopyOpen(false)}
          onCopied={(result) => {
            list.reload();
            toast('success', `${String(result.created.length)} bids copied`, result.skipped.length > 0 ? `${String(result.skipped.length)} skipped` : undefined);
          }}
        />
      )}
    </div>
  );
}
