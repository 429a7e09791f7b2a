-- An erased subject keeps its row, without a key, for good. Before, its row was deleted, and a later event that
-- carried personal data of the same subject (messages of an erased ticket moved by a merge, say) made it a new
-- key; its earlier ciphertexts then failed to decrypt under that key, as if they had been changed in the store,
-- and stopped every reader of them. Now personal data written about an erased subject is stored already erased.
ALTER TABLE eventstore.subject_key ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE eventstore.subject_key ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE eventstore.subject_key
    ADD CONSTRAINT subject_key_kept_or_erased CHECK ((secret IS NULL) = (erased_at IS NOT NULL));

-- The subjects erased so far, from their erasure events. A key made for one after its erasure goes too: what it
-- encrypted was written about an erased subject.
INSERT INTO eventstore.subject_key (subject_id, secret, erased_at)
SELECT DISTINCT erased.subject_id, NULL::bytea, now()
FROM (
    SELECT e.aggregate_identifier AS subject_id
    FROM eventstore.domain_event_entry e
    WHERE e.payload_type IN ('io.helpdesk.domain.ticket.TicketErased', 'io.helpdesk.domain.contact.ContactErased')
    UNION
    SELECT jsonb_array_elements_text(COALESCE(convert_from(e.payload, 'UTF8')::jsonb -> 'senders', '[]'::jsonb))
    FROM eventstore.domain_event_entry e
    WHERE e.payload_type = 'io.helpdesk.domain.contact.ContactErased'
) erased
ON CONFLICT (subject_id) DO UPDATE SET secret = NULL, erased_at = EXCLUDED.erased_at;
