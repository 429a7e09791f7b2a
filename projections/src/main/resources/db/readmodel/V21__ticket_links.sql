-- A ticket's links to other tickets, in the order they were made: [{"ticketId": ..., "kind": ...}].
ALTER TABLE readmodel.inbox_ticket ADD COLUMN links JSONB NOT NULL DEFAULT '[]';
