-- Inbound webhooks, written in the same transaction as the events they cause:
-- each provider message is taken exactly once (the primary key settles concurrent deliveries) ...
CREATE TABLE eventstore.webhook_delivery (
    message_id VARCHAR(600) PRIMARY KEY,
    ticket_id  VARCHAR(64)  NOT NULL
);

-- ... and a new message from a customer joins their open ticket on that channel.
CREATE TABLE eventstore.customer_open_ticket (
    customer_email TEXT        NOT NULL,
    channel        VARCHAR(16) NOT NULL,
    ticket_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (customer_email, channel, ticket_id)
);
