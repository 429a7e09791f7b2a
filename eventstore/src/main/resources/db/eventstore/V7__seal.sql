-- The sealed history (see the README's "Sealed history"): each sealed event's link in the hash chain over the
-- store in global order, and the checkpoints signed with a key the database does not hold. Written only by
-- the sealer, in the transaction that seals; nothing references the event table, so a deleted event leaves
-- its link behind for the verifier to find.
CREATE TABLE eventstore.seal_link (
    global_index BIGINT PRIMARY KEY,
    chain_hash   BYTEA  NOT NULL
);

CREATE TABLE eventstore.seal_checkpoint (
    global_index BIGINT      PRIMARY KEY,
    events       BIGINT      NOT NULL,
    chain_hash   BYTEA       NOT NULL,
    key_id       VARCHAR(16) NOT NULL,
    signature    BYTEA       NOT NULL,
    sealed_at    TIMESTAMPTZ NOT NULL
);
