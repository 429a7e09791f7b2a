-- The inbox's SLA deadline of a ticket is the earliest due time of its running, unpaused clocks: a small index
-- of just those clocks answers it without visiting the table, per ticket or for all tickets at once.
CREATE INDEX sla_clock_running_by_ticket ON readmodel.sla_clock (ticket_id, due_at)
    WHERE outcome IS NULL AND NOT paused;
CREATE INDEX sla_clock_running_by_ticket_shadow ON readmodel_shadow.sla_clock (ticket_id, due_at)
    WHERE outcome IS NULL AND NOT paused;
