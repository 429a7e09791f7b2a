-- Contacts and organizations (set-based rules one aggregate cannot see), kept in the transaction of their
-- events: each identity (an address as a channel gives it) belongs to one contact at most, each e-mail domain to
-- one organization at most.
CREATE TABLE command.contact_identity (
    identity   TEXT        PRIMARY KEY,
    contact_id VARCHAR(64) NOT NULL
);
CREATE INDEX contact_identity_by_contact ON command.contact_identity (contact_id);

CREATE TABLE command.organization_domain (
    domain          TEXT        PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL
);
CREATE INDEX organization_domain_by_organization ON command.organization_domain (organization_id);

-- When the contacts of tickets recorded before contacts existed were made (once per database).
CREATE TABLE command.contact_backfill (
    done_at TIMESTAMPTZ NOT NULL
);
