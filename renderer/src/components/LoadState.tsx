/** What a panel shows before its data has arrived: why not, or that it is on its way. */
export function LoadState({ error }: { error: string | null }) {
  return error === null ? <p className="load-state">Loading…</p> : <p className="load-state load-state--error">{error}</p>;
}
