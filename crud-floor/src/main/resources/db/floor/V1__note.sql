CREATE TABLE floor.note (
    note_id    text PRIMARY KEY,
    ticket_id  text        NOT NULL,
    author     text        NOT NULL,
    body       text        NOT NULL,
    written_at timestamptz NOT NULL
);
CREATE INDEX note_ticket ON floor.note (ticket_id);
