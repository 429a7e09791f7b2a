-- Axon's JDBC event store, snapshot store and token store. Axon creates no tables itself.
CREATE SCHEMA IF NOT EXISTS eventstore;

CREATE TABLE eventstore.domain_event_entry (
    -- The table's own sequence gives every event its position in the global stream.
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT domain_event_entry_event_identifier_key UNIQUE (event_identifier),
    -- Loads an aggregate in order and makes two writers of one sequence number collide.
    CONSTRAINT domain_event_entry_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE eventstore.snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier_key UNIQUE (event_identifier)
);

CREATE TABLE eventstore.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Wakes the event processors of every process the moment new events commit, instead of waiting for
-- their next poll. One notification per inserting statement; PostgreSQL delivers it on commit.
CREATE FUNCTION eventstore.notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('helpdesk_events_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON eventstore.domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION eventstore.notify_events_appended();
