-- The files a message or note carries (SHA-256, name, size, type), as a JSON array on its timeline line; none:
-- null. Lines written before this migration show none until the inbox is rebuilt.
ALTER TABLE readmodel.ticket_timeline ADD COLUMN attachments JSONB;
