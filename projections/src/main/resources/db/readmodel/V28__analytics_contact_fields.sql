-- Analytics by a contact's or an organization's custom field: their values (key to value, as for tickets), kept
-- by the analytics read model from the contacts' and organizations' own events. A ticket's contact for these
-- figures is the one its chain of merges ends at (analytics_contact_root), worked out when asked, and its
-- organization the one analytics_organization_of gives (V25).
ALTER TABLE readmodel.analytics_contact ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';
ALTER TABLE readmodel.analytics_organization ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';

-- The contact a contact's chain of merges ends at (itself when not merged): an id, or null for an unknown one.
CREATE FUNCTION readmodel.analytics_contact_root(contact VARCHAR) RETURNS VARCHAR
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up (contact_id, merged_into, depth) AS (
        SELECT contact_id, merged_into, 0 FROM readmodel.analytics_contact WHERE contact_id = contact
        UNION ALL
        SELECT c.contact_id, c.merged_into, u.depth + 1 FROM readmodel.analytics_contact c
        JOIN up u ON c.contact_id = u.merged_into WHERE u.depth < 100)
    SELECT contact_id FROM up ORDER BY depth DESC LIMIT 1
$$;

-- A contact's organization is that of the contact its chain of merges ends at: the same walk (V25 had its own).
CREATE OR REPLACE FUNCTION readmodel.analytics_organization_of(contact VARCHAR) RETURNS VARCHAR
    LANGUAGE sql STABLE AS $$
    SELECT organization_id FROM readmodel.analytics_contact
    WHERE contact_id = readmodel.analytics_contact_root(contact)
$$;

-- The custom fields' values of a ticket's contact (the one its chain of merges ends at), '{}' without one.
CREATE FUNCTION readmodel.analytics_contact_fields(contact VARCHAR) RETURNS JSONB
    LANGUAGE sql STABLE AS $$
    SELECT COALESCE((SELECT c.fields FROM readmodel.analytics_contact c
                     WHERE c.contact_id = readmodel.analytics_contact_root(contact)), '{}')
$$;

-- The custom fields' values of a ticket's contact's organization, '{}' without one.
CREATE FUNCTION readmodel.analytics_organization_fields(contact VARCHAR) RETURNS JSONB
    LANGUAGE sql STABLE AS $$
    SELECT COALESCE((SELECT o.fields FROM readmodel.analytics_organization o
                     WHERE o.organization_id = readmodel.analytics_organization_of(contact)), '{}')
$$;
