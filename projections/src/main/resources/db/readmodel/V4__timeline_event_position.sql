-- The timeline mixes events of several aggregates (a ticket and its handoffs), which different segments
-- process in parallel: order it by the events' global position, not by insertion.
ALTER TABLE readmodel.ticket_timeline ADD COLUMN event_position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE readmodel_shadow.ticket_timeline ADD COLUMN event_position BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ticket_timeline_by_event ON readmodel.ticket_timeline (ticket_id, event_position);
CREATE INDEX ticket_timeline_by_event_shadow ON readmodel_shadow.ticket_timeline (ticket_id, event_position);
