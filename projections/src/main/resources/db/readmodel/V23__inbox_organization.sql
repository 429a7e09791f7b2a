-- The inbox filters by organization: each ticket's contact (from the ticket's events) and each contact's own
-- organization and merge (from the contact's events, kept by the inbox for itself in inbox_contact). Which
-- organization a ticket is in (its contact's, or that of the contact it was merged into) is worked out when
-- asked: each row is written by its own aggregate's events only, so processing segments in any order (a
-- rebuild does) gives the same rows.
ALTER TABLE readmodel.inbox_ticket ADD COLUMN contact_id VARCHAR(64);
CREATE INDEX inbox_by_contact ON readmodel.inbox_ticket (contact_id);

CREATE TABLE readmodel.inbox_contact (
    contact_id      VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64),
    merged_into     VARCHAR(64)
);
CREATE INDEX inbox_contact_by_merged_into ON readmodel.inbox_contact (merged_into);
CREATE INDEX inbox_contact_by_organization ON readmodel.inbox_contact (organization_id);

-- Tickets projected before contacts existed belong to the contact made for their customer's address: the id
-- Java's UUID.nameUUIDFromBytes gives "contact:" and the address in lower case (an MD5 name-based UUID), as the
-- upcaster of TicketOpened gives it, so the rows equal a rebuild's.
UPDATE readmodel.inbox_ticket t
SET contact_id = 'c-' || substr(h.m, 1, 8) || '-' || substr(h.m, 9, 4) || '-3' || substr(h.m, 14, 3) || '-'
                 || to_hex(((('x' || substr(h.m, 17, 1))::bit(4)::int) & 3) | 8) || substr(h.m, 18, 3) || '-'
                 || substr(h.m, 21, 12)
FROM (SELECT ticket_id, md5('contact:' || lower(btrim(customer_email))) AS m FROM readmodel.inbox_ticket) h
WHERE h.ticket_id = t.ticket_id;
