-- Files on messages, stored once by the SHA-256 of their bytes; events carry only the hash, name, size and type.
-- The name and type are those of the first upload: what a reference that names neither gets.
-- Stored out of line and uncompressed: most files (images, PDFs, archives) are compressed already.
CREATE TABLE command.attachment (
    sha256       TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size         BIGINT NOT NULL CHECK (size >= 0),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content   BYTEA NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE command.attachment ALTER COLUMN content SET STORAGE EXTERNAL;
