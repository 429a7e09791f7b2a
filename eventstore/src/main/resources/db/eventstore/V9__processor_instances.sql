-- The instances running each streaming processor, seen lately (SegmentBalancer): with the processor's segments
-- in token_entry, each instance works out its fair share and releases what it holds beyond it.
CREATE TABLE eventstore.processor_instance (
    processor_name VARCHAR(255) NOT NULL,
    node           VARCHAR(255) NOT NULL,
    seen_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (processor_name, node)
);
