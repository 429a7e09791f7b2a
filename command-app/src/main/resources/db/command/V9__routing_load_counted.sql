-- An agent's load is counted from routing_ticket when routing gives a ticket out (under a lock on the agent's
-- row), not kept as a counter: assignments by hand then touch only their ticket's row, and two of them that move
-- tickets between the same two agents in opposite directions no longer wait on each other's agent rows.
ALTER TABLE command.routing_agent DROP COLUMN assigned;
CREATE INDEX routing_ticket_load ON command.routing_ticket (assignee) WHERE status IN ('OPEN', 'PENDING', 'ON_HOLD');
