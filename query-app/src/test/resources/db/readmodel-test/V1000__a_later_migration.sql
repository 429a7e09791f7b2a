-- A migration as a later release would write one: against the live tables only. RebuildEqualityTest applies
-- it between two rebuilds of every read model; the rebuild after it must keep it.
ALTER TABLE readmodel.inbox_ticket ADD COLUMN later_note TEXT;
CREATE INDEX inbox_ticket_by_later_note ON readmodel.inbox_ticket (later_note) WHERE later_note IS NOT NULL;
ALTER TABLE readmodel.channel_message ADD COLUMN later_flag BOOLEAN NOT NULL DEFAULT false;
