-- Routing: agents' profiles and load, and every ticket's routing state, kept in the transaction of the events
-- that change them. The load counts the open (OPEN, PENDING, ON_HOLD) tickets assigned to an agent; routing
-- gives a ticket only to an ONLINE agent of the team with assigned < capacity and every skill the ticket needs,
-- checked again in the assignment's own transaction (the row is locked by the update), so two routers on two
-- instances never give one agent more than their capacity.
CREATE TABLE command.routing_agent (
    agent_id         TEXT        PRIMARY KEY,
    teams            TEXT[]      NOT NULL DEFAULT '{}',
    skills           TEXT[]      NOT NULL DEFAULT '{}',
    capacity         INT         NOT NULL DEFAULT 0,
    availability     VARCHAR(8)  NOT NULL DEFAULT 'OFFLINE',
    assigned         INT         NOT NULL DEFAULT 0,
    -- When routing last gave this agent a ticket (the event's time): round-robin takes the longest waiting first.
    last_routed_at   TIMESTAMPTZ
);

-- Tickets opened before this migration are not here: they count toward no agent's load and are not routed.
CREATE TABLE command.routing_ticket (
    ticket_id  TEXT        PRIMARY KEY,
    priority   VARCHAR(2)  NOT NULL,
    status     VARCHAR(16) NOT NULL,
    assignee   TEXT,
    -- The queue the ticket was routed to (null: never routed), the skills it needs, and since when it waits.
    team       TEXT,
    skills     TEXT[]      NOT NULL DEFAULT '{}',
    queued_at  TIMESTAMPTZ
);
CREATE INDEX routing_ticket_queue ON command.routing_ticket (team, priority, queued_at)
    WHERE assignee IS NULL AND team IS NOT NULL AND status = 'OPEN';
