-- A ticket has at most one open clock per target, and the projection finds it by ticket and target
-- (to set its due time, record a breach, stop it). An index of exactly that makes the invariant the
-- database's and gives those statements their row in one lookup. Without it, a statement prepared while the
-- table was new could keep a plan that scans every running clock (the due-time index covers "outcome IS
-- NULL" too) for each update: the database's largest cost under load until the next ANALYZE.
CREATE UNIQUE INDEX sla_clock_open ON readmodel.sla_clock (ticket_id, target) WHERE outcome IS NULL;
CREATE UNIQUE INDEX sla_clock_open_shadow ON readmodel_shadow.sla_clock (ticket_id, target) WHERE outcome IS NULL;
