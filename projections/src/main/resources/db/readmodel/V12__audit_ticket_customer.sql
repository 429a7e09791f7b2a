-- The audit export's customer filter: which customer opened each ticket (the audit read model). Filled by its
-- processor from the first event on its first start.
CREATE TABLE readmodel.audit_ticket_customer (
    ticket_id      VARCHAR(64) PRIMARY KEY,
    customer_email TEXT        NOT NULL
);
CREATE INDEX audit_ticket_customer_by_customer ON readmodel.audit_ticket_customer (customer_email);
