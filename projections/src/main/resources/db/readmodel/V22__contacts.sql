-- The contacts read model: contacts with their identities and organization, organizations, and each contact's
-- tickets (projected here from the tickets' events, so the model stands alone). A contact merged into another
-- points to it (merged_into); its tickets count for the one it was merged into, worked out when asked. Each row
-- is written by its own aggregate's events only: segments run side by side, in any order during a rebuild.
CREATE TABLE readmodel.contact (
    contact_id      VARCHAR(64) PRIMARY KEY,
    name            TEXT,
    language        VARCHAR(35),
    organization_id VARCHAR(64),
    identities      TEXT[]      NOT NULL DEFAULT '{}',
    merged_into     VARCHAR(64),
    created_at      TIMESTAMPTZ NOT NULL,
    -- Who made it: a user, webhook:<provider> for a new sender, system:contact-backfill.
    created_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX contact_by_organization ON readmodel.contact (organization_id);
CREATE INDEX contact_by_merged_into ON readmodel.contact (merged_into);
CREATE INDEX contact_by_identity ON readmodel.contact USING GIN (identities);
CREATE INDEX contact_by_name ON readmodel.contact (lower(name), contact_id);

CREATE TABLE readmodel.contact_ticket (
    ticket_id        VARCHAR(64) PRIMARY KEY,
    contact_id       VARCHAR(64) NOT NULL,
    customer         TEXT        NOT NULL,
    customer_name    TEXT,
    channel          VARCHAR(16) NOT NULL,
    subject          TEXT        NOT NULL,
    status           VARCHAR(16) NOT NULL,
    opened_at        TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    csat_score       SMALLINT,
    csat_comment     TEXT,
    csat_at          TIMESTAMPTZ
);
CREATE INDEX contact_ticket_by_contact ON readmodel.contact_ticket (contact_id, opened_at);

CREATE TABLE readmodel.organization (
    organization_id VARCHAR(64) PRIMARY KEY,
    name            TEXT        NOT NULL,
    domains         TEXT[]      NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX organization_by_name ON readmodel.organization (lower(name), organization_id);

CREATE TABLE readmodel.contacts_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
