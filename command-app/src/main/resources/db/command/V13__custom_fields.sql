-- Custom fields' definitions as command-app checks values against them, kept in the transaction of their events.
CREATE TABLE command.custom_field (
    key        VARCHAR(40) PRIMARY KEY,
    entity     VARCHAR(16) NOT NULL,
    label      TEXT        NOT NULL,
    type       VARCHAR(16) NOT NULL,
    options    JSONB       NOT NULL DEFAULT '[]',
    defined_at TIMESTAMPTZ NOT NULL
);
