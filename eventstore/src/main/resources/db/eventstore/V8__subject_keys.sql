-- The data keys of personal data in events (see the README's "Personal data and erasure"): one AES-256 key per
-- subject (a ticket, a contact), made with the subject's first event that has personal data. Erasing a subject
-- deletes its key, in the transaction that records the erasure; the events are never changed.
CREATE TABLE eventstore.subject_key (
    subject_id VARCHAR(255) PRIMARY KEY,
    secret     BYTEA        NOT NULL CHECK (octet_length(secret) = 32),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
