import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AuctionId, Bid, BidIssue, BidSide, BidWarningThresholds } from '../../../../shared/api/bids.js';
import { BID_WARNING_CODES } from '../../../../shared/api/bids.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { auctionOf, isDeliveryDate, periodWindow } from '../../../../shared/bids/bid-market.js';
import { bidGateClosure, validateBid } from '../../../../shared/bids/validate-bid.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FieldFrame } from '../../components/FieldFrame.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/SelectField.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { useNow } from '../../components/use-now.js';
import { toast } from '../../state/toast-store.js';
import { assetFactsOf, draftOf, formOf, issuesByKey, newForm, nextOpenDay, periodKey, type BidForm, type IssueKey } from './bid-form.js';
import { refusalOf } from './bid-actions.js';
import { BidResults } from './BidResults.js';
import { BlocksEditor } from './BlocksEditor.js';
import { ConfirmButton } from './ConfirmButton.js';
import { CurveEditor } from './CurveEditor.js';
import { IssueText } from './IssueText.js';
import { periodLabeller } from './period-labels.js';
import { StatusBadge } from './StatusBadge.js';
import { SubmitDialog } from './SubmitDialog.js';
import { ZoneRules } from './ZoneRules.js';

const SIDES: readonly { value: BidSide; label: string }[] = [
  { value: 'sell', label: 'Sell (volumes −)' },
  { value: 'buy', label: 'Buy (volumes +)' },
  { value: 'both', label: 'Both (storage curve)' },
];
const PORTFOLIO = '__portfolio';

interface BidEditorProps {
  /** The stored bid; null for a new one, whose id is `newId`. */
  bid: Bid | null;
  newId: string;
  zones: readonly MarketZone[];
  /** The zone a new bid starts in (the one the trader follows on the other pages). */
  defaultZone: MarketZone;
  thresholds: BidWarningThresholds;
  recentPriceOf: (zoneId: string) => number | null;
  /** A write succeeded: the page shows that bid and refreshes its history. */
  onSaved: (bid: Bid) => void;
  onDeleted: () => void;
}

type Busy = 'save' | 'submit' | 'cancel' | 'delete' | null;

/**
 * One bid: its target, its curve or blocks, the zone's rules beside it, checked as the trader
 * types by the rules the engine applies (validateBid). A draft is saved, submitted (after a
 * confirmation that lists the fat-finger warnings), cancelled or deleted; any other bid is read
 * only, with its results once decided. A change made in another terminal is loaded when nothing
 * here is unsaved, and offered otherwise.
 */
export function BidEditor({ bid, newId, zones, defaultZone, thresholds, recentPriceOf, onSaved, onDeleted }: BidEditorProps) {
  const now = useNow(1000);
  const [stored, setStored] = useState<Bid | null>(bid);
  const [form, setForm] = useState<BidForm>(() => (bid ? formOf(bid) : newForm(newId, defaultZone, Date.now())));
  const [baseline, setBaseline] = useState(() => JSON.stringify(form));
  const [touched, setTouched] = useState<ReadonlySet<IssueKey>>(new Set());
  const [attempted, setAttempted] = useState(bid !== null);
  const [serverIssues, setServerIssues] = useState<BidIssue[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Bid | null>(null);
  const [dialog, setDialog] = useState<{ warnings: BidIssue[]; error: string | null } | null>(null);
  // One id per submit attempt: a retry after a lost answer sends it again and gets the first result.
  const submissionId = useRef<string | null>(null);
  const dirty = JSON.stringify(form) !== baseline;

  const zone = zones.find((candidate) => candidate.id === form.zoneId) ?? defaultZone;
  const assets = useLoad(useCallback(() => engine.assets({ zoneId: form.zoneId }), [form.zoneId]));
  const zoneAssets = (assets.data?.assets ?? []).filter((asset) => asset.zoneId === form.zoneId);
  const asset = zoneAssets.find((candidate) => candidate.id === form.assetId) ?? null;
  const recentPrice = recentPriceOf(zone.id);
  const formDraft = useMemo(() => draftOf(form), [form]);
  const validation = validateBid(formDraft.draft, { zone, asset: asset && assetFactsOf(asset), now, recentPrice, thresholds });
  const errors = [...formDraft.problems, ...validation.errors, ...serverIssues];
  const byKey = issuesByKey([...errors, ...validation.warnings], formDraft.keyOf);
  const issuesAt = (key: IssueKey): readonly BidIssue[] => (attempted || touched.has(key) ? (byKey.get(key) ?? []) : []);
  const errorCountShown = attempted ? errors.length : 0;

  const window = isDeliveryDate(form.deliveryDate) ? periodWindow(zone, form.market === 'intraday_auction' ? auctionOf(zone, form.auction) : null, form.deliveryDate) : null;
  const labelOf = useMemo(() => (isDeliveryDate(form.deliveryDate) ? periodLabeller(zone, form.deliveryDate) : (p: number) => `P${String(p)}`), [zone, form.deliveryDate]);
  const periods = window ? { first: window.first, last: window.last } : { first: 1, last: 24 };
  const firstBid = Object.keys(form.curve).map(Number).sort((a, b) => a - b)[0];
  const [period, setPeriod] = useState<number>(firstBid ?? periods.first);

  const readOnly = stored !== null && stored.status !== 'draft';
  const gateOpen = validation.gateClosureAt !== null && validation.gateClosureAt > now;

  const load = (next: Bid): void => {
    const nextForm = formOf(next);
    setStored(next);
    setForm(nextForm);
    setBaseline(JSON.stringify(nextForm));
    setServerIssues([]);
    setConflict(null);
  };

  // Another terminal changed the bid: take it when nothing here is unsaved, offer it otherwise.
  useEffect(() => {
    if (!bid || (stored && bid.version <= stored.version)) return;
    if (dirty) setConflict(bid);
    else load(bid);
    // Only a newer stored version is news; the form's own edits are not.
  }, [bid]);

  const update = (next: BidForm, keys: readonly IssueKey[]): void => {
    setForm(next);
    setServerIssues([]);
    submissionId.current = null;
    if (keys.length > 0) setTouched((current) => new Set([...current, ...keys]));
  };

  const change = <F extends keyof BidForm>(field: F, value: BidForm[F]): void => update({ ...form, [field]: value }, [field]);

  /** Zone and market, with what follows from them: the zone's assets and auctions, a delivery day whose gate is open. */
  const retarget = (changes: Pick<BidForm, 'zoneId' | 'market' | 'auction'>): void => {
    const nextZone = zones.find((candidate) => candidate.id === changes.zoneId) ?? zone;
    const auctions = nextZone.intraday?.auctions ?? [];
    const market = auctions.length === 0 ? 'day_ahead' : changes.market;
    const auction = market === 'day_ahead' ? null : (auctions.find((candidate) => candidate.id === changes.auction) ?? auctions[0])?.id ?? null;
    const gate = bidGateClosure(nextZone, market, auction, form.deliveryDate);
    const deliveryDate = gate === null || gate <= Date.now() ? nextOpenDay(nextZone, market, auction, Date.now()) : form.deliveryDate;
    const assetId = changes.zoneId === form.zoneId ? form.assetId : '';
    update({ ...form, zoneId: nextZone.id, market, auction, deliveryDate, assetId }, ['zoneId', 'market', 'auction', 'deliveryDate']);
  };

  /** Runs a write; the engine's refusal lands on the fields it names, on the conflict notice, or above the buttons. */
  const run = async (what: Exclude<Busy, null>, write: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setFormError(null);
    try {
      await write();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal.kind === 'conflict') setConflict(refusal.current);
      else if (refusal.kind === 'issues' && refusal.code === 'CONFIRMATION_REQUIRED') setDialog({ warnings: refusal.issues, error: 'The market moved: confirm these warnings to submit.' });
      else if (refusal.kind === 'issues') {
        setServerIssues(refusal.issues);
        setAttempted(true);
        setDialog(null);
      } else if (what === 'submit') setDialog((current) => current && { ...current, error: refusal.message });
      else setFormError(refusal.message);
    } finally {
      setBusy(null);
    }
  };

  const saveDraft = async (): Promise<Bid> => {
    const { draft } = formDraft;
    const saved = form.version === null ? await engine.createBid({ id: form.id, ...draft }) : await engine.updateBid(form.id, { version: form.version, ...draft });
    load(saved);
    onSaved(saved);
    return saved;
  };

  const onSave = (event?: FormEvent): void => {
    event?.preventDefault();
    setAttempted(true);
    if (errors.length > 0 || readOnly) return;
    void run('save', async () => {
      await saveDraft();
      toast('success', 'Draft saved', `${form.zoneId} ${form.deliveryDate}`);
    });
  };

  const onSubmit = (): void => {
    setAttempted(true);
    if (errors.length > 0) return;
    submissionId.current ??= crypto.randomUUID();
    setDialog({ warnings: validation.warnings, error: null });
  };

  const confirmSubmit = (): void => {
    const id = submissionId.current ?? crypto.randomUUID();
    submissionId.current = id;
    const confirmWarnings = BID_WARNING_CODES.filter((code) => dialog?.warnings.some((warning) => warning.code === code));
    void run('submit', async () => {
      const version = dirty || form.version === null || !stored ? (await saveDraft()).version : stored.version;
      const submitted = await engine.submitBid(form.id, { submissionId: id, version, confirmWarnings });
      submissionId.current = null;
      setDialog(null);
      load(submitted);
      onSaved(submitted);
      toast('success', 'Bid submitted', `${submitted.zoneId} ${submitted.deliveryDate}, gate ${new Date(submitted.gateClosureAt).toISOString().slice(11, 16)} UTC`);
    });
  };

  const cancelBid = (): void => {
    if (!stored) return;
    void run('cancel', async () => {
      const cancelled = await engine.cancelBid(stored.id, stored.version);
      load(cancelled);
      onSaved(cancelled);
      toast('success', 'Bid cancelled');
    });
  };

  const deleteDraft = (): void => {
    if (!stored) return;
    void run('delete', async () => {
      await engine.deleteBid(stored.id, stored.version);
      toast('success', 'Draft deleted');
      onDeleted();
    });
  };

  /** A target field's findings as one message (they are errors: the fat-finger warnings are about prices and volumes). */
  const targetError = (key: IssueKey): string | null => issuesAt(key).map((issue) => issue.message).join(' · ') || null;
  const holderValue = form.holder === 'portfolio' ? PORTFOLIO : form.assetId;
  const title = stored ? `Bid ${stored.id.slice(0, 8)}` : 'New bid';
  const canCancel = stored !== null && (stored.status === 'draft' || (stored.status === 'submitted' && gateOpen));

  return (
    <div className="bid-layout">
      <Panel
        headingId="bid-form-heading"
        title={title}
        aside={
          stored ? (
            <>
              <StatusBadge status={stored.status} /> v{stored.version} {dirty && <span className="warn-text">· unsaved changes</span>}
            </>
          ) : (
            'not saved yet'
          )
        }
      >
        <form className="panel__body bid-form" onSubmit={onSave} noValidate aria-label={title}>
          {conflict && (
            <div className="notice notice--warning" role="alert">
              This bid changed elsewhere: it is {conflict.status} at version {conflict.version} now.{' '}
              <button type="button" className="button button--small" onClick={() => load(conflict)}>
                Load that version
              </button>{' '}
              {dirty && <span className="muted">(your unsaved changes are then dropped)</span>}
            </div>
          )}
          <fieldset className="form-row bid-target" disabled={readOnly}>
            <SelectField
              label="Zone"
              value={form.zoneId}
              onChange={(event) => retarget({ zoneId: event.target.value, market: form.market, auction: form.auction })}
              options={zones.map((candidate) => ({ value: candidate.id, label: `${candidate.id} · ${candidate.name}` }))}
              error={targetError('zoneId')}
            />
            <SelectField
              label="Market"
              value={form.market === 'day_ahead' ? 'day_ahead' : (form.auction ?? '')}
              onChange={(event) => {
                const value = event.target.value;
                retarget(value === 'day_ahead' ? { zoneId: form.zoneId, market: 'day_ahead', auction: null } : { zoneId: form.zoneId, market: 'intraday_auction', auction: value as AuctionId });
              }}
              options={[
                { value: 'day_ahead', label: 'Day-ahead' },
                ...(zone.intraday?.auctions ?? []).map((auction) => ({ value: auction.id, label: `Intraday auction ${auction.id} (${auction.deliveryStart}–${auction.deliveryEnd})` })),
              ]}
              error={targetError('market') ?? targetError('auction')}
            />
            <Field label="Delivery day" type="date" value={form.deliveryDate} onChange={(event) => change('deliveryDate', event.target.value)} error={targetError('deliveryDate')} />
            <SelectField
              label="For"
              value={holderValue}
              onChange={(event) => {
                const value = event.target.value;
                update(value === PORTFOLIO ? { ...form, holder: 'portfolio', assetId: '' } : { ...form, holder: 'asset', assetId: value, portfolio: '' }, ['holder']);
              }}
              options={[
                { value: PORTFOLIO, label: 'A named portfolio…' },
                ...(form.assetId !== '' && !asset ? [{ value: form.assetId, label: `Asset ${form.assetId.slice(0, 8)} (not in this zone)` }] : []),
                ...zoneAssets.map((candidate) => ({
                  value: candidate.id,
                  label: `${candidate.name} · ${candidate.kind.replace('_', ' ')} · ${String(candidate.capacityMw)} MW${candidate.status === 'active' ? '' : ` (${candidate.status})`}`,
                })),
              ]}
              error={form.holder === 'asset' ? targetError('holder') : null}
              hint={assets.data && zoneAssets.length === 0 ? `No assets in ${zone.id}: bid for a portfolio` : undefined}
            />
            {form.holder === 'portfolio' && (
              <Field label="Portfolio name" value={form.portfolio} maxLength={200} placeholder="e.g. North wind pool" onChange={(event) => update({ ...form, portfolio: event.target.value }, ['holder'])} error={targetError('holder')} />
            )}
            <SelectField label="Side" value={form.side} onChange={(event) => change('side', event.target.value as BidSide)} options={SIDES} error={targetError('side')} />
            <SelectField
              label="Order type"
              value={form.orderType}
              onChange={(event) => change('orderType', event.target.value as BidForm['orderType'])}
              options={[
                { value: 'curve', label: 'Curve (price/volume points per period)' },
                { value: 'block', label: 'Blocks (one price over consecutive periods)' },
              ]}
            />
          </fieldset>

          {form.orderType === 'curve' ? (
            <>
              <IssueText issues={attempted ? (byKey.get('curve') ?? []) : []} />
              <CurveEditor
                curve={form.curve}
                onChange={(curve, keys) => update({ ...form, curve }, keys)}
                period={period}
                onPeriod={setPeriod}
                periods={periods}
                labelOf={labelOf}
                issuesAt={issuesAt}
                hasErrors={(p) => (byKey.get(periodKey(p)) ?? []).length > 0 || [...byKey.keys()].some((key) => key.startsWith(`cell:${String(p)}:`) && (byKey.get(key) ?? []).some((issue) => issue.severity === 'error'))}
                minRows={Math.max(2, zone.curve.minPoints)}
                readOnly={readOnly}
                chart={{ kind: zone.curve.kind, limits: form.market === 'day_ahead' ? zone.priceLimits : (zone.intraday?.priceLimits ?? null), recentPrice, currency: zone.currency }}
              />
            </>
          ) : (
            <BlocksEditor blocks={form.blocks} onChange={(blocks, keys) => update({ ...form, blocks }, keys)} periods={periods} labelOf={labelOf} issuesAt={issuesAt} currency={zone.currency} readOnly={readOnly} />
          )}

          <FieldFrame label="Notes" error={targetError('notes')}>
            {(control) => <textarea {...control} className="bid-notes" value={form.notes} rows={2} maxLength={2000} readOnly={readOnly} onChange={(event) => change('notes', event.target.value)} />}
          </FieldFrame>

          {stored && stored.results.length > 0 && <BidResults bid={stored} labelOf={labelOf} currency={zone.currency} />}
          {stored?.reason && <p className="notice notice--warning">{stored.reason}</p>}

          <FormError message={formError ?? (errorCountShown > 0 ? `${String(errorCountShown)} ${errorCountShown === 1 ? 'rule is' : 'rules are'} broken: see the marked fields.` : null)} />
          <div className="button-row">
            {!readOnly && (
              <>
                <button type="submit" className="button" disabled={busy !== null || (!dirty && stored !== null)}>
                  Save draft
                </button>
                <button type="button" className="button button--primary" disabled={busy !== null} onClick={onSubmit}>
                  Submit…
                </button>
              </>
            )}
            {canCancel && <ConfirmButton label="Cancel bid…" confirmLabel="Confirm: cancel this bid" onConfirm={cancelBid} disabled={busy !== null} />}
            {stored?.status === 'draft' && <ConfirmButton label="Delete draft…" confirmLabel="Confirm: delete this draft" onConfirm={deleteDraft} disabled={busy !== null} danger />}
            {busy && <span className="muted">{busy === 'save' ? 'Saving…' : busy === 'submit' ? 'Submitting…' : busy === 'cancel' ? 'Cancelling…' : 'Deleting…'}</span>}
            {stored?.syncState && stored.syncState !== 'synced' && <span className={`badge sync-badge sync-badge--${stored.syncState}`}>{stored.syncState}</span>}
          </div>
        </form>
      </Panel>
      <ZoneRules zone={zone} market={form.market} auction={form.auction} window={window} gateClosureAt={validation.gateClosureAt} recentPrice={recentPrice} labelOf={labelOf} now={now} />
      <SubmitDialog
        open={dialog !== null}
        warnings={dialog?.warnings ?? []}
        error={dialog?.error ?? null}
        busy={busy === 'submit'}
        summary={`${form.zoneId} · ${form.market === 'day_ahead' ? 'day-ahead' : `intraday ${form.auction ?? ''}`} · ${form.deliveryDate} · ${form.side} · ${form.orderType === 'curve' ? `curve over ${String(formDraft.draft.orderType === 'curve' ? formDraft.draft.curve.length : 0)} periods` : `${String(form.blocks.length)} blocks`}`}
        gateClosureAt={validation.gateClosureAt}
        now={now}
        onConfirm={confirmSubmit}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
