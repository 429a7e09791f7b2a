-- Rebuilds and SLA what-ifs, as every instance sees them: their progress survives a restart of the instance
-- that ran them, and at most one runs per read model across all instances. Not a read model: never rebuilt.
CREATE TABLE readmodel.rebuild_run (
    id                VARCHAR(36)      PRIMARY KEY,
    read_model        VARCHAR(40)      NOT NULL,
    switch_when_done  BOOLEAN          NOT NULL,
    state             VARCHAR(12)      NOT NULL,
    total             BIGINT           NOT NULL,
    done              BIGINT           NOT NULL DEFAULT 0,
    events_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    seconds_left      BIGINT,
    started_at        TIMESTAMPTZ      NOT NULL,
    finished_at       TIMESTAMPTZ,
    error             TEXT,
    instance          VARCHAR(200)     NOT NULL,
    heartbeat_at      TIMESTAMPTZ      NOT NULL
);
CREATE UNIQUE INDEX rebuild_run_one_per_read_model ON readmodel.rebuild_run (read_model)
    WHERE state IN ('RUNNING', 'SWITCHING');
CREATE INDEX rebuild_run_by_start ON readmodel.rebuild_run (started_at DESC);
