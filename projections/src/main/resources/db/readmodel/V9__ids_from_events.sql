-- What clients see of notifications and channel messages (their id, the position an after= cursor and a read
-- marker hold) comes from the events, not from sequences, so a rebuild gives every row the number it had:
-- a notification is its event's global position * 1000 + its place among that event's notifications, a channel
-- message its MessagePosted event's global position. Whether a notification was read is per-user state and
-- lives beside the read model, where rebuilds do not reach it (as channel read markers do).
ALTER TABLE readmodel.notification ALTER COLUMN id DROP DEFAULT;
ALTER TABLE readmodel_shadow.notification ALTER COLUMN id DROP DEFAULT;
ALTER TABLE readmodel.channel_message ALTER COLUMN position DROP DEFAULT;
ALTER TABLE readmodel_shadow.channel_message ALTER COLUMN position DROP DEFAULT;

CREATE TABLE readmodel.notification_read (
    id      BIGINT      PRIMARY KEY,
    read_at TIMESTAMPTZ NOT NULL
);

-- Rows written before: renumbered from their events (looked up by event id and by channel, type and time,
-- never by payload), read flags and read markers carried over.
DO $$
BEGIN
    IF to_regclass('eventstore.domain_event_entry') IS NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE renumbered_notification ON COMMIT DROP AS
    SELECT n.id AS old_id,
           e.global_index * 1000 + row_number() OVER (PARTITION BY e.global_index ORDER BY n.id) - 1 AS new_id,
           n.read_at
    FROM readmodel.notification n
    JOIN eventstore.domain_event_entry e ON e.event_identifier = split_part(n.source, '/', 1);
    DELETE FROM readmodel.notification n WHERE NOT EXISTS (SELECT 1 FROM renumbered_notification r WHERE r.old_id = n.id);
    UPDATE readmodel.notification SET id = -id;
    UPDATE readmodel.notification n SET id = r.new_id FROM renumbered_notification r WHERE n.id = -r.old_id;
    INSERT INTO readmodel.notification_read (id, read_at)
    SELECT new_id, read_at FROM renumbered_notification WHERE read_at IS NOT NULL;

    CREATE TEMP TABLE renumbered_message ON COMMIT DROP AS
    SELECT m.position AS old_position, e.global_index AS new_position, m.channel_id
    FROM (SELECT position, channel_id, posted_at,
                 row_number() OVER (PARTITION BY channel_id, posted_at ORDER BY position) AS n
          FROM readmodel.channel_message) m
    JOIN (SELECT global_index, aggregate_identifier, time_stamp::timestamptz AS at,
                 row_number() OVER (PARTITION BY aggregate_identifier, time_stamp ORDER BY global_index) AS n
          FROM eventstore.domain_event_entry
          WHERE payload_type = 'io.helpdesk.domain.channel.MessagePosted') e
      ON e.aggregate_identifier = m.channel_id AND e.at = m.posted_at AND e.n = m.n;
    UPDATE readmodel.channel_message SET position = -position;
    UPDATE readmodel.channel_message c SET position = r.new_position
    FROM renumbered_message r WHERE c.position = -r.old_position;
    DELETE FROM readmodel.channel_message WHERE position < 0;
    -- A marker held the position of the last message read: now that message's new position.
    UPDATE readmodel.channel_read_marker k
    SET last_read_pos = COALESCE((SELECT max(r.new_position) FROM renumbered_message r
                                  WHERE r.channel_id = k.channel_id AND r.old_position <= k.last_read_pos), 0);
END $$;

ALTER TABLE readmodel.notification DROP COLUMN read_at;
ALTER TABLE readmodel_shadow.notification DROP COLUMN read_at;
