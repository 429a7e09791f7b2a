-- Appended events are announced by the writing app after its transaction commits (EventsAppendedNotifier),
-- not by a trigger inside it: PostgreSQL serializes the commits of transactions that NOTIFY, which capped
-- concurrent commands at one commit (and its fsync) at a time.
DROP TRIGGER IF EXISTS domain_event_entry_appended ON eventstore.domain_event_entry;
DROP FUNCTION IF EXISTS eventstore.notify_events_appended();
