-- The customer mails taken before mail threads were kept (V2) name their tickets too: an answer to one of them
-- joins its ticket like an answer to a later one. Read from the history: each ticket's first and further
-- messages whose provider id is an e-mail Message-ID, normalised as the e-mail webhook does it; the first
-- ticket to name a mail keeps it.
INSERT INTO command.mail_thread (message_id, ticket_id)
SELECT DISTINCT ON (mail_id) mail_id, ticket_id
FROM (SELECT e.aggregate_identifier AS ticket_id, e.global_index,
             CASE WHEN left(id, 1) = '<' THEN id ELSE '<' || id || '>' END AS mail_id
      FROM eventstore.domain_event_entry e,
           LATERAL (SELECT btrim(substr(convert_from(e.payload, 'UTF8')::jsonb ->> 'externalMessageId', 7)) AS id) x
      WHERE e.payload_type IN ('io.helpdesk.domain.ticket.TicketOpened',
                               'io.helpdesk.domain.ticket.CustomerMessageReceived')
        AND convert_from(e.payload, 'UTF8')::jsonb ->> 'externalMessageId' LIKE 'email:%') mails
WHERE mail_id ~ '^<[^<>[:space:]]+@[^<>[:space:]]+>$'
ORDER BY mail_id, global_index
ON CONFLICT (message_id) DO NOTHING;
