-- The inbox and analytics work out the SLA facts they need from the events themselves (TicketSla) instead of
-- reading the SLA read model's tables: the inbox its earliest running deadline, analytics whether a promise
-- was missed. Each keeps the clocks it folded in a column of its own. The rows that exist are filled once from
-- the SLA read model as it stands; from here on every event keeps them.
ALTER TABLE readmodel.inbox_ticket
    ADD COLUMN sla_state  TEXT,
    ADD COLUMN sla_due_at TIMESTAMPTZ NOT NULL DEFAULT '9999-12-31T00:00:00Z';
ALTER TABLE readmodel.ticket_fact
    ADD COLUMN sla_state  TEXT,
    ADD COLUMN sla_missed BOOLEAN NOT NULL DEFAULT false;

CREATE TEMPORARY TABLE sla_fold ON COMMIT DROP AS
SELECT s.ticket_id,
       json_build_object(
           'priority', s.priority,
           'clocks', s.clocks::json,
           'due', COALESCE((SELECT json_object_agg(c.target, to_char(c.due_at AT TIME ZONE 'UTC',
                                                                      'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                            FROM readmodel.sla_clock c
                            WHERE c.ticket_id = s.ticket_id AND c.outcome IS NULL AND c.due_at IS NOT NULL),
                           '{}'::json),
           'missed', EXISTS (SELECT 1 FROM readmodel.sla_clock c
                             WHERE c.ticket_id = s.ticket_id AND c.outcome = 'MISSED'))::text AS state,
       COALESCE((SELECT min(c.due_at) FROM readmodel.sla_clock c
                 WHERE c.ticket_id = s.ticket_id AND c.outcome IS NULL AND NOT c.paused),
                '9999-12-31T00:00:00Z'::timestamptz) AS due_at,
       EXISTS (SELECT 1 FROM readmodel.sla_clock c WHERE c.ticket_id = s.ticket_id AND c.outcome = 'MISSED')
           AS missed
FROM readmodel.sla_ticket s;

UPDATE readmodel.inbox_ticket t SET sla_state = f.state, sla_due_at = f.due_at
FROM sla_fold f WHERE f.ticket_id = t.ticket_id;
UPDATE readmodel.ticket_fact t SET sla_state = f.state, sla_missed = f.missed
FROM sla_fold f WHERE f.ticket_id = t.ticket_id;

-- The SLA order of the queue, read straight from this index.
CREATE INDEX inbox_ticket_by_sla ON readmodel.inbox_ticket (sla_due_at, priority, ticket_id);
