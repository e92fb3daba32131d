-- 006 market data notifications: every terminal on a floor hears of prices written to the shared
-- database — by another terminal's feed or by a central feeder using plain INSERTs — at commit.
-- One statement-level trigger per statement, rows sent in chunks to stay well under NOTIFY's
-- 8000-byte payload limit. Only recent and future intervals are announced: an import of years of
-- history is not live news, and listeners read history from the table itself.
CREATE FUNCTION optibid_notify_market_data() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chunk json;
BEGIN
  FOR chunk IN
    SELECT json_agg(json_build_object('zoneId', zone_id, 'market', market, 'resolutionMinutes', resolution_minutes,
                                      'intervalStart', interval_start, 'priceMinor', price_minor, 'source', source, 'receivedAt', received_at))
    FROM (SELECT *, (row_number() OVER () - 1) / 20 AS part FROM changed_rows
          WHERE interval_start >= now() - interval '1 hour' AND price_minor IS NOT NULL) numbered
    GROUP BY part
  LOOP
    PERFORM pg_notify('optibid_market_data', chunk::text);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER market_data_notify_insert AFTER INSERT ON market_data
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION optibid_notify_market_data();
CREATE TRIGGER market_data_notify_update AFTER UPDATE ON market_data
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION optibid_notify_market_data();
