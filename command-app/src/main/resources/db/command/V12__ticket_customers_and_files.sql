-- Each ticket's contact, customer address and channel (command-app's own: a reopened ticket is its customer's
-- open ticket again, an erasure finds a contact's tickets), and which tickets' messages carry each stored file
-- (an erasure deletes the files no other ticket's messages carry). Filled from the history written so far: at
-- this version no payload is encrypted yet, so the fields are read as they were written.
CREATE TABLE command.ticket_customer (
    ticket_id  VARCHAR(64) PRIMARY KEY,
    contact_id VARCHAR(64) NOT NULL,
    customer   TEXT        NOT NULL,
    channel    VARCHAR(16) NOT NULL
);
CREATE INDEX ticket_customer_by_contact ON command.ticket_customer (contact_id);

-- origin: the ticket whose message brought the file (for a message merged or split in, the ticket it came from).
CREATE TABLE command.attachment_ref (
    sha256    CHAR(64)    NOT NULL,
    ticket_id VARCHAR(64) NOT NULL,
    origin    VARCHAR(64) NOT NULL,
    PRIMARY KEY (sha256, ticket_id, origin)
);
CREATE INDEX attachment_ref_by_origin ON command.attachment_ref (origin);

-- Contacts erased, and when (the retention policy passes them over).
CREATE TABLE command.erased_contact (
    contact_id VARCHAR(64) PRIMARY KEY,
    erased_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO command.ticket_customer (ticket_id, contact_id, customer, channel)
SELECT e.aggregate_identifier,
       COALESCE(p ->> 'contactId',
                'c-' || substr(h.m, 1, 8) || '-' || substr(h.m, 9, 4) || '-3' || substr(h.m, 14, 3) || '-'
                || to_hex(((('x' || substr(h.m, 17, 1))::bit(4)::int) & 3) | 8) || substr(h.m, 18, 3) || '-'
                || substr(h.m, 21, 12)),
       lower(p ->> 'customerEmail'), p ->> 'channel'
FROM eventstore.domain_event_entry e,
     LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p) j,
     LATERAL (SELECT md5('contact:' || lower(btrim(p ->> 'customerEmail'))) AS m) h
WHERE e.payload_type = 'io.helpdesk.domain.ticket.TicketOpened'
ON CONFLICT DO NOTHING;

INSERT INTO command.attachment_ref (sha256, ticket_id, origin)
SELECT DISTINCT f ->> 'sha256', e.aggregate_identifier, e.aggregate_identifier
FROM eventstore.domain_event_entry e,
     LATERAL jsonb_array_elements(COALESCE(convert_from(e.payload, 'UTF8')::jsonb -> 'attachments', '[]'::jsonb)) f
WHERE e.payload_type IN ('io.helpdesk.domain.ticket.TicketOpened',
                         'io.helpdesk.domain.ticket.CustomerMessageReceived',
                         'io.helpdesk.domain.ticket.AgentReplied', 'io.helpdesk.domain.ticket.InternalNoteAdded',
                         'io.helpdesk.domain.ticket.ReplyScheduled')
  AND f ->> 'sha256' IS NOT NULL
ON CONFLICT DO NOTHING;

-- Tickets holding messages moved from another (merged or split in): erasing that one erases them there too.
CREATE TABLE command.ticket_merge_holder (
    ticket_id VARCHAR(64) NOT NULL,
    origin    VARCHAR(64) NOT NULL,
    PRIMARY KEY (ticket_id, origin)
);
CREATE INDEX ticket_merge_holder_by_origin ON command.ticket_merge_holder (origin);
