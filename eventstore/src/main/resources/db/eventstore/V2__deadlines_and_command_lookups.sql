-- db-scheduler's table: Axon's persistent deadline manager keeps SLA and handoff deadlines here, so they
-- survive restarts and fire once across instances.
CREATE TABLE eventstore.scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON eventstore.scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON eventstore.scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON eventstore.scheduled_tasks (priority DESC, execution_time ASC);

-- Set-based validation on the command side: at most one open handoff per ticket. Written in the same
-- transaction as the handoff's events; the primary key settles concurrent requests.
CREATE TABLE eventstore.open_handoff (
    ticket_id  VARCHAR(64) PRIMARY KEY,
    handoff_id VARCHAR(64) NOT NULL
);
