-- A reply's line on the timeline shows how far it got (SENT, DELIVERED, READ, FAILED): the delivery events
-- name the reply by its event identifier, which each line now keeps. Lines written before this migration have
-- none, so their replies show no state until the inbox is rebuilt.
ALTER TABLE readmodel.ticket_timeline ADD COLUMN event_id TEXT, ADD COLUMN delivery TEXT;
