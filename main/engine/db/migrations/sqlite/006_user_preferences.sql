-- 006 user preferences: SQLite dialect of postgres/005_user_preferences.sql.
ALTER TABLE users ADD COLUMN notification_preferences TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(notification_preferences)) CHECK (json_type(notification_preferences) = 'object');
