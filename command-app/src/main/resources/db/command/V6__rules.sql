-- The trigger and time-based rules at their latest version, as their events define them: what the rules processor
-- runs and the rule list shows. Written in the transaction of the rules' own events.
CREATE TABLE command.rule (
    rule_id    TEXT    PRIMARY KEY,
    version    INT     NOT NULL,
    position   INT     NOT NULL,
    enabled    BOOLEAN NOT NULL,
    -- The rule's definition (JSON), as in its latest event.
    definition TEXT    NOT NULL
);
