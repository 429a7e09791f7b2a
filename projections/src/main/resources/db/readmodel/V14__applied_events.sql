-- Each projection remembers, per aggregate, the sequence number of the last event of it that it applied, in
-- its read model's own table, so that an event delivered again (streaming processors deliver at least once)
-- is passed over rather than applied twice. An event that no aggregate published counts as its own aggregate.
-- Filled from the next event on; a rebuild fills them from the first.
CREATE TABLE readmodel.inbox_applied (projection TEXT NOT NULL, aggregate_id TEXT NOT NULL, sequence BIGINT NOT NULL,
                                      PRIMARY KEY (projection, aggregate_id));
CREATE TABLE readmodel.sla_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
CREATE TABLE readmodel.analytics_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
CREATE TABLE readmodel.notifications_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
CREATE TABLE readmodel.channels_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
CREATE TABLE readmodel.audit_applied (LIKE readmodel.inbox_applied INCLUDING ALL);
