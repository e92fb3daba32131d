import type { Bid, BidIssue } from '../../../shared/api/bids.js';
import type { FieldError } from '../../../shared/api/errors.js';
import type { BidRecord } from '../db/repositories/bid-repository.js';
import { AppError } from '../http/app-error.js';

/** The refusals of the bid capability, one place so each code keeps one meaning and shape. */

export const bidNotFound = (id: string): AppError => new AppError('not_found', 'BID_NOT_FOUND', `Your organisation has no bid ${id}`, { id });

/** The rules' issues as field errors: `prefix` says where the bid was (`body.` for a draft sent, `bid.` for one stored). */
export const issuesAsFields = (issues: readonly BidIssue[], prefix: string): FieldError[] => issues.map((i) => ({ field: prefix + i.field, message: i.message, code: i.code }));

export const bidInvalid = (issues: readonly BidIssue[], prefix: string): AppError =>
  new AppError('validation_error', 'BID_INVALID', `The bid breaks ${String(issues.length)} rule${issues.length === 1 ? '' : 's'} of its market: ${issues.map((i) => i.message).join('; ')}`, issuesAsFields(issues, prefix));

export const bidIdInUse = (id: string): AppError =>
  new AppError('conflict', 'BID_ID_IN_USE', `A bid with id ${id} exists with other content: draft a new bid with a new id, or edit that one`, [{ field: 'body.id', message: 'is the id of another bid', value: id }]);

export const blockIdInUse = (): AppError => new AppError('conflict', 'BLOCK_ID_IN_USE', 'A block id of this bid belongs to another bid: give each block a new id', [{ field: 'body.blocks', message: 'has a block id another bid uses' }]);

export const notEditable = (record: Pick<BidRecord, 'id' | 'status'>, doing: string): AppError =>
  new AppError('conflict', 'BID_NOT_EDITABLE', `The bid is ${record.status}: only a draft can be ${doing}`, { id: record.id, status: record.status });

export const notDeletable = (record: BidRecord): AppError =>
  new AppError('conflict', 'BID_NOT_DELETABLE', `The bid is ${record.status}${record.submissionId ? ' and was submitted' : ''}: only a bid that never left the desk (a draft, or one cancelled or expired before submission) can be deleted`, {
    id: record.id,
    status: record.status,
  });

export const versionConflict = (current: Bid): AppError =>
  new AppError('conflict', 'VERSION_CONFLICT', `The bid changed since you read it: it is at version ${String(current.version)} now`, { currentVersion: current.version, current });

/** Submitting after the gate is bad input (400); cancelling after it is a conflict with the market's state (409). */
export const gateClosed = (record: BidRecord, type: 'validation_error' | 'conflict'): AppError =>
  new AppError(type, 'GATE_CLOSED', `The gate for ${record.zoneId} ${record.deliveryDate} closed at ${record.gateClosureAt.toISOString()}`, { gateClosureAt: record.gateClosureAt.toISOString() });

export const alreadySubmitted = (record: BidRecord): AppError =>
  new AppError('conflict', 'ALREADY_SUBMITTED', `The bid was submitted already (as ${String(record.submissionId)}); a new submission id cannot submit it again`, { id: record.id, submissionId: record.submissionId, status: record.status });

export const submissionIdInUse = (submissionId: string): AppError =>
  new AppError('conflict', 'SUBMISSION_ID_IN_USE', `Submission id ${submissionId} submitted another bid: make a new one for this bid`, [{ field: 'body.submissionId', message: 'submitted another bid', value: submissionId }]);

export const confirmationRequired = (unconfirmed: readonly BidIssue[]): AppError =>
  new AppError(
    'validation_error',
    'CONFIRMATION_REQUIRED',
    `Confirm ${[...new Set(unconfirmed.map((w) => w.code))].join(', ')} to submit: ${unconfirmed.map((w) => w.message).join('; ')}`,
    issuesAsFields(unconfirmed, 'bid.'),
  );
