-- Rebuilds run into these copies while the live tables keep serving, then the two swap places in one
-- transaction (see query-app's RebuildService). readmodel_retired is only a waypoint during the swap.
CREATE SCHEMA IF NOT EXISTS readmodel_shadow;
CREATE SCHEMA IF NOT EXISTS readmodel_retired;

CREATE TABLE readmodel_shadow.inbox_ticket (LIKE readmodel.inbox_ticket INCLUDING ALL);
CREATE TABLE readmodel_shadow.ticket_timeline (LIKE readmodel.ticket_timeline INCLUDING ALL);
CREATE TABLE readmodel_shadow.sla_ticket (LIKE readmodel.sla_ticket INCLUDING ALL);
CREATE TABLE readmodel_shadow.sla_clock (LIKE readmodel.sla_clock INCLUDING ALL);
CREATE TABLE readmodel_shadow.ticket_fact (LIKE readmodel.ticket_fact INCLUDING ALL);
CREATE TABLE readmodel_shadow.handoff_fact (LIKE readmodel.handoff_fact INCLUDING ALL);
CREATE TABLE readmodel_shadow.notification (LIKE readmodel.notification INCLUDING ALL);
CREATE TABLE readmodel_shadow.channel_view (LIKE readmodel.channel_view INCLUDING ALL);
CREATE TABLE readmodel_shadow.channel_member (LIKE readmodel.channel_member INCLUDING ALL);
CREATE TABLE readmodel_shadow.channel_message (LIKE readmodel.channel_message INCLUDING ALL);
