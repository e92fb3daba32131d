import type { BidIssue } from '../../../../shared/api/bids.js';

/** The rules' findings about one field, beside it: errors in red, fat-finger warnings in amber. */
export function IssueText({ issues, id }: { issues: readonly BidIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <span id={id} className="issue-text">
      {issues.map((issue) => (
        <span key={`${issue.code}:${issue.message}`} className={issue.severity === 'error' ? 'field__error' : 'field__warning'} data-code={issue.code}>
          {issue.message}
        </span>
      ))}
    </span>
  );
}
