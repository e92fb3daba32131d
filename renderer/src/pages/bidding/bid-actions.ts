import type { Bid, BidIssue } from '../../../../shared/api/bids.js';
import { ApiError } from '../../transport/api-error.js';

/** What the engine's refusal of a bid write means for the form. */
export type Refusal =
  /** The rules' findings (BID_INVALID), or the warnings still to confirm (CONFIRMATION_REQUIRED), by field path into the draft. */
  | { kind: 'issues'; code: string; issues: BidIssue[] }
  /** VERSION_CONFLICT: someone changed the bid; the current one comes with the refusal. */
  | { kind: 'conflict'; current: Bid }
  | { kind: 'message'; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The engine names a draft's fields "body.curve[0]…" (a draft sent) or "bid.curve[0]…" (the stored one): the form knows them without the prefix. */
const unprefixed = (field: string): string => field.replace(/^(body|bid)\./, '');

export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError)) return { kind: 'message', message: error instanceof Error ? error.message : String(error) };
  const { details } = error;
  if (error.code === 'VERSION_CONFLICT' && isRecord(details) && isRecord(details.current)) return { kind: 'conflict', current: details.current as unknown as Bid };
  if ((error.code === 'BID_INVALID' || error.code === 'CONFIRMATION_REQUIRED') && Array.isArray(details)) {
    const severity = error.code === 'BID_INVALID' ? 'error' : 'warning';
    return { kind: 'issues', code: error.code, issues: details.map((detail) => ({ code: detail.code ?? error.code, field: unprefixed(detail.field), message: detail.message, severity })) };
  }
  return { kind: 'message', message: error.message };
}
