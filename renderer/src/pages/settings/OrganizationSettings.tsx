import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { TradingDaySettings } from '../../../../shared/api/analytics.js';
import type { BidWarningThresholds } from '../../../../shared/api/bids.js';
import { canonicalTimeZone, dayStart, formatUtcOffset, localDate, nextDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { SelectField } from '../../components/SelectField.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { useNow } from '../../components/use-now.js';
import { formatDateTime } from '../../format.js';
import { parseDecimal } from '../../parse-decimal.js';
import { useHasRole } from '../../state/current-role.js';
import { toast } from '../../state/toast-store.js';
import { useSettingChanges } from '../../state/use-setting-changes.js';

const MINUTE_MS = 60_000;
const SET_BY = 'Owners and admins of the organisation set this.';

/**
 * Every time zone the platform knows, in order with UTC first (Intl's list leaves it out), each
 * with its offset now. A saved name this browser does not know (its time zone database is older
 * than the engine's) is listed as such rather than breaking the form.
 */
function timeZoneOptions(saved: string, at: number): { value: string; label: string }[] {
  const names = [...new Set([...Intl.supportedValuesOf('timeZone'), saved])].filter((name) => name !== 'UTC').sort();
  return ['UTC', ...names].map((name) => ({ value: name, label: canonicalTimeZone(name) === null ? `${name} (not known to this terminal)` : `${name} (UTC${formatUtcOffset(name, at)})` }));
}

/** "Today there: …" under the select, or why it cannot be said. */
function todayThere(timeZone: string, now: number): string {
  if (canonicalTimeZone(timeZone) === null) return `${timeZone} is not in this terminal's time zone database`;
  const today = localDate(timeZone, now);
  return `Today there: ${today}, from ${formatDateTime(new Date(dayStart(timeZone, today)).toISOString())} to ${formatDateTime(new Date(dayStart(timeZone, nextDay(today))).toISOString())}`;
}

/**
 * What a form edits, and the stored value it started from. A newly stored value (a colleague's
 * change, read again) replaces the draft only while the draft is untouched: an admin's own
 * edits are never thrown away under them.
 */
function useDraft<D>(stored: D, same: (a: D, b: D) => boolean): { draft: D; setDraft: (draft: D) => void; base: D; adopt: (value: D) => void } {
  const [base, setBase] = useState(stored);
  const [draft, setDraft] = useState(stored);
  if (!same(base, stored)) {
    setBase(stored);
    if (same(draft, base)) setDraft(stored);
  }
  const adopt = (value: D): void => {
    setBase(value);
    setDraft(value);
  };
  return { draft, setDraft, base, adopt };
}

const sameText = (a: string, b: string): boolean => a === b;

function TradingDayForm({ initial, canEdit }: { initial: TradingDaySettings; canEdit: boolean }) {
  const { draft: timeZone, setDraft: setTimeZone, base: saved, adopt } = useDraft(initial.timeZone, sameText);
  const now = useNow(MINUTE_MS);
  // The offsets move twice a year: worked out again on the hour is often enough.
  const hour = Math.floor(now / (60 * MINUTE_MS));
  const options = useMemo(() => timeZoneOptions(saved, hour * 60 * MINUTE_MS), [saved, hour]);
  const [save, state] = useAction(async () => {
    const stored = await engine.saveTradingDay({ timeZone });
    adopt(stored.timeZone);
    toast('success', `The trading day now runs on ${stored.timeZone} time`);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  return (
    <form className="panel__body form-stack" onSubmit={onSubmit} noValidate>
      <p>The “Trading today” figures on the Analytics page start again from zero at midnight in this time zone, on every terminal of the organisation.</p>
      <FormError message={state.formError} />
      <SelectField
        label="Time zone"
        options={options}
        value={timeZone}
        disabled={!canEdit}
        onChange={(event) => setTimeZone(event.target.value)}
        error={state.fieldError('body.timeZone')}
        hint={todayThere(timeZone, now)}
      />
      {canEdit ? (
        <button type="submit" className="button button--primary" disabled={timeZone === saved || state.busy}>
          Save trading day
        </button>
      ) : (
        <p className="muted">{SET_BY}</p>
      )}
    </form>
  );
}

/** What a threshold field holds, or why it cannot be sent. */
function checked(text: string, atMost: number | null, unit: string): { value: number | null; error: string | null } {
  const value = parseDecimal(text);
  if (value === null || value <= 0) return { value: null, error: `a number above 0 (${unit})` };
  if (atMost !== null && value > atMost) return { value: null, error: `at most ${String(atMost)} ${unit}` };
  return { value, error: null };
}

/** The thresholds as the form shows them: a share of capacity reads better as a percentage; the engine keeps the fraction. */
const thresholdTexts = (thresholds: BidWarningThresholds): { deviation: string; share: string } => ({
  deviation: String(thresholds.maxPriceDeviation),
  share: String(Number((thresholds.maxCapacityShare * 100).toFixed(4))),
});
const sameTexts = (a: { deviation: string; share: string }, b: { deviation: string; share: string }): boolean => a.deviation === b.deviation && a.share === b.share;

function ThresholdsForm({ initial, canEdit }: { initial: BidWarningThresholds; canEdit: boolean }) {
  const { draft, setDraft, base, adopt } = useDraft(thresholdTexts(initial), sameTexts);
  const price = checked(draft.deviation, null, 'currency/MWh');
  const percent = checked(draft.share, 100, '%');
  const [save, state] = useAction(async (thresholds: BidWarningThresholds) => {
    adopt(thresholdTexts(await engine.saveBidWarningThresholds(thresholds)));
    toast('success', 'Fat-finger thresholds saved');
  });
  const thresholds = price.value !== null && percent.value !== null ? { maxPriceDeviation: price.value, maxCapacityShare: Number((percent.value / 100).toFixed(6)) } : null;
  const changed = thresholds !== null && !sameTexts(draft, base);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (thresholds) save(thresholds);
  };
  return (
    <form className="panel__body form-stack" onSubmit={onSubmit} noValidate>
      <p>A bid beyond either threshold is saved with a warning, and submitted only once the trader confirms it.</p>
      <FormError message={state.formError} />
      <Field
        label="Price distance from the market"
        inputMode="decimal"
        value={draft.deviation}
        disabled={!canEdit}
        onChange={(event) => setDraft({ ...draft, deviation: event.target.value })}
        error={price.error ?? state.fieldError('body.maxPriceDeviation')}
        hint="currency/MWh from the zone’s recent day-ahead price"
      />
      <Field
        label="Volume, share of the asset’s capacity"
        inputMode="decimal"
        value={draft.share}
        disabled={!canEdit}
        onChange={(event) => setDraft({ ...draft, share: event.target.value })}
        error={percent.error ?? state.fieldError('body.maxCapacityShare')}
        hint="% of capacity in any period"
      />
      {canEdit ? (
        <button type="submit" className="button button--primary" disabled={!changed || state.busy}>
          Save thresholds
        </button>
      ) : (
        <p className="muted">{SET_BY}</p>
      )}
    </form>
  );
}

/** The organisation's own settings: every member reads them; owners and admins change them. */
export function OrganizationSettings() {
  const canEdit = useHasRole('admin');
  const tradingDay = useLoad(useCallback(() => engine.tradingDay(), []));
  const thresholds = useLoad(useCallback(() => engine.bidWarningThresholds(), []));
  // Changed by another owner or admin meanwhile: read again (an untouched form takes the new value).
  useSettingChanges('tradingDay', tradingDay.reload);
  useSettingChanges('bidWarningThresholds', thresholds.reload);
  return (
    <>
      <Panel headingId="trading-day-heading" title="Trading day" aside="for the whole organisation">
        <FormError message={tradingDay.error} />
        {tradingDay.data && <TradingDayForm initial={tradingDay.data} canEdit={canEdit} />}
      </Panel>
      <Panel headingId="thresholds-heading" title="Fat-finger thresholds" aside="for the whole organisation">
        <FormError message={thresholds.error} />
        {thresholds.data && <ThresholdsForm initial={thresholds.data} canEdit={canEdit} />}
      </Panel>
    </>
  );
}
