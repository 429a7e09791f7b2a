-- Custom fields: each ticket's values (an object, key to value: a text, a number as its decimal text, a date, an
-- option id, a list of option ids, true or false) in the inbox and in analytics, and the fields' definitions as
-- analytics names them (option ids to their labels as they are now, so a renamed option keeps its tickets).
ALTER TABLE readmodel.inbox_ticket ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';
CREATE INDEX inbox_by_fields ON readmodel.inbox_ticket USING GIN (fields jsonb_path_ops);
ALTER TABLE readmodel.ticket_fact ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';

CREATE TABLE readmodel.analytics_field (
    key     VARCHAR(40) PRIMARY KEY,
    entity  VARCHAR(16) NOT NULL,
    label   TEXT        NOT NULL,
    type    VARCHAR(16) NOT NULL,
    options JSONB       NOT NULL DEFAULT '[]'
);
