-- 005 user preferences: how each person wants to be told about alerts, bids and sync
-- conflicts. Stored per user (not per terminal) so a trader's choices follow them across desks;
-- missing keys take the defaults of shared/api/notifications.ts.
ALTER TABLE users ADD COLUMN notification_preferences jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(notification_preferences) = 'object');
