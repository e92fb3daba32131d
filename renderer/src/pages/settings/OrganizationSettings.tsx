import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { TradingDaySettings } from '../../../../shared/api/analytics.js';
import type { BidWarningThresholds } from '../../../../shared/api/bids.js';
import { dayStart, localDate, nextDay, utcOffsetMs } from '../../../../shared/market/time-zone.js';
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

const MINUTE_MS = 60_000;
const SET_BY = 'Owners and admins of the organisation set this.';

/** "+05:30", "-08:00": how far a time zone's clock is from UTC at an instant. */
function offsetLabel(timeZone: string, at: number): string {
  const minutes = utcOffsetMs(timeZone, at) / MINUTE_MS;
  const whole = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** Every time zone the platform knows, UTC first (Intl's list leaves it out), each with its offset now. */
function timeZoneOptions(current: string, at: number): { value: string; label: string }[] {
  const names = [...new Set(['UTC', current, ...Intl.supportedValuesOf('timeZone')])];
  return names.map((name) => ({ value: name, label: `${name} (UTC${offsetLabel(name, at)})` }));
}

function TradingDayForm({ initial, canEdit }: { initial: TradingDaySettings; canEdit: boolean }) {
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [saved, setSaved] = useState(initial.timeZone);
  const now = useNow(MINUTE_MS);
  // The offsets move twice a year: worked out again on the hour is often enough.
  const hour = Math.floor(now / (60 * MINUTE_MS));
  const options = useMemo(() => timeZoneOptions(saved, hour * 60 * MINUTE_MS), [saved, hour]);
  const [save, state] = useAction(async () => {
    const stored = await engine.saveTradingDay({ timeZone });
    setSaved(stored.timeZone);
    setTimeZone(stored.timeZone);
    toast('success', `The trading day now runs on ${stored.timeZone} time`);
  });
  const today = localDate(timeZone, now);
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
        hint={`Today there: ${today}, from ${formatDateTime(new Date(dayStart(timeZone, today)).toISOString())} to ${formatDateTime(new Date(dayStart(timeZone, nextDay(today))).toISOString())}`}
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

function ThresholdsForm({ initial, canEdit }: { initial: BidWarningThresholds; canEdit: boolean }) {
  const [deviation, setDeviation] = useState(String(initial.maxPriceDeviation));
  // A share of capacity reads better as a percentage; the engine keeps the fraction.
  const [share, setShare] = useState(String(Number((initial.maxCapacityShare * 100).toFixed(4))));
  const [saved, setSaved] = useState(initial);
  const price = checked(deviation, null, 'currency/MWh');
  const percent = checked(share, 100, '%');
  const [save, state] = useAction(async (thresholds: BidWarningThresholds) => {
    setSaved(await engine.saveBidWarningThresholds(thresholds));
    toast('success', 'Fat-finger thresholds saved');
  });
  const thresholds = price.value !== null && percent.value !== null ? { maxPriceDeviation: price.value, maxCapacityShare: Number((percent.value / 100).toFixed(6)) } : null;
  const changed = thresholds !== null && (thresholds.maxPriceDeviation !== saved.maxPriceDeviation || thresholds.maxCapacityShare !== saved.maxCapacityShare);
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
        value={deviation}
        disabled={!canEdit}
        onChange={(event) => setDeviation(event.target.value)}
        error={price.error ?? state.fieldError('body.maxPriceDeviation')}
        hint="currency/MWh from the zone’s recent day-ahead price"
      />
      <Field
        label="Volume, share of the asset’s capacity"
        inputMode="decimal"
        value={share}
        disabled={!canEdit}
        onChange={(event) => setShare(event.target.value)}
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
