-- The inbox's SLA order is earliest running deadline, then priority, then ticket id. Each clock row carries
-- the priority its ticket's clocks run under, so one index of the running clocks lists them in that order
-- and the first page is read from its head, even when hundreds of tickets share one deadline (a queue that
-- built up overnight is due at the same hour of the morning).
ALTER TABLE readmodel.sla_clock ADD COLUMN priority VARCHAR(2);
ALTER TABLE readmodel_shadow.sla_clock ADD COLUMN priority VARCHAR(2);

UPDATE readmodel.sla_clock c SET priority = s.priority
FROM readmodel.sla_ticket s WHERE s.ticket_id = c.ticket_id;
UPDATE readmodel_shadow.sla_clock c SET priority = s.priority
FROM readmodel_shadow.sla_ticket s WHERE s.ticket_id = c.ticket_id;

CREATE INDEX sla_clock_running_in_order ON readmodel.sla_clock (due_at, priority, ticket_id)
    WHERE outcome IS NULL AND NOT paused;
CREATE INDEX sla_clock_running_in_order_shadow ON readmodel_shadow.sla_clock (due_at, priority, ticket_id)
    WHERE outcome IS NULL AND NOT paused;
