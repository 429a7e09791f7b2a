-- Ids and positions clients see come from the events (V9, V13): the sequences the first tables were created with
-- no longer feed any column. They go, so nothing in the read models can draw a number a rebuild would change.
DROP SEQUENCE IF EXISTS readmodel.notification_id_seq;
DROP SEQUENCE IF EXISTS readmodel.channel_message_position_seq;
DROP SEQUENCE IF EXISTS readmodel.ticket_timeline_position_seq;
