-- The timeline's rows were numbered by a sequence, which a rebuild renumbers. Each event adds at most one line
-- to its ticket's timeline, so the event's global position names the line and orders it; the sequence goes.
-- (Rows written before V4 carry event position 0; a rebuild of the inbox gives them theirs.) The shadow twin
-- from V3 was made LIKE the live table and draws from the same sequence: it loses the column first (a rebuild
-- makes its shadow tables anew anyway).
ALTER TABLE IF EXISTS readmodel_shadow.ticket_timeline DROP COLUMN IF EXISTS position;
ALTER TABLE readmodel.ticket_timeline DROP COLUMN position;
