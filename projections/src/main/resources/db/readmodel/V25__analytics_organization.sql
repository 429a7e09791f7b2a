-- Analytics by organization: each ticket's contact (from the ticket's events), each contact's own organization
-- and merge and each organization's name (from their own events), kept by the analytics read model for itself.
-- A ticket's organization is its contact's, or that of the contact at the end of its chain of merges, worked
-- out when asked (analytics_organization_of), so that segments processed in any order give the same rows.
ALTER TABLE readmodel.ticket_fact ADD COLUMN contact_id VARCHAR(64);

CREATE TABLE readmodel.analytics_contact (
    contact_id      VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64),
    merged_into     VARCHAR(64)
);
CREATE INDEX analytics_contact_by_organization ON readmodel.analytics_contact (organization_id);
CREATE INDEX analytics_contact_by_merged_into ON readmodel.analytics_contact (merged_into);

CREATE TABLE readmodel.analytics_organization (
    organization_id VARCHAR(64) PRIMARY KEY,
    name            TEXT        NOT NULL
);

-- The organization of a contact (its own, or that of the contact its chain of merges ends at): an id, or null.
CREATE FUNCTION readmodel.analytics_organization_of(contact VARCHAR) RETURNS VARCHAR
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up (organization_id, merged_into, depth) AS (
        SELECT organization_id, merged_into, 0 FROM readmodel.analytics_contact WHERE contact_id = contact
        UNION ALL
        SELECT c.organization_id, c.merged_into, u.depth + 1 FROM readmodel.analytics_contact c
        JOIN up u ON c.contact_id = u.merged_into WHERE u.depth < 100)
    SELECT organization_id FROM up ORDER BY depth DESC LIMIT 1
$$;

-- Tickets projected before contacts existed belong to the contact made for their customer's address (as the
-- upcaster of TicketOpened gives it; see V23).
UPDATE readmodel.ticket_fact t
SET contact_id = 'c-' || substr(h.m, 1, 8) || '-' || substr(h.m, 9, 4) || '-3' || substr(h.m, 14, 3) || '-'
                 || to_hex(((('x' || substr(h.m, 17, 1))::bit(4)::int) & 3) | 8) || substr(h.m, 18, 3) || '-'
                 || substr(h.m, 21, 12)
FROM (SELECT ticket_id, md5('contact:' || lower(btrim(customer_email))) AS m FROM readmodel.ticket_fact) h
WHERE h.ticket_id = t.ticket_id;
