-- Which ticket each e-mail belongs to, by its Message-ID: the customer's mails (as the e-mail webhook took
-- them) and the replies sent to them. A mail whose In-Reply-To or References names one of them joins that
-- ticket. Written in the transaction of the event that names the message; mail taken before this migration
-- joins tickets by the sender's address, as before.
CREATE TABLE command.mail_thread (
    message_id VARCHAR(1000) PRIMARY KEY,
    ticket_id  VARCHAR(64)   NOT NULL
);

-- Which ticket each reply handed to a provider belongs to, by the provider's message id: the provider's
-- delivery and read reports name only that id.
CREATE TABLE command.sent_reply (
    message_id VARCHAR(1000) PRIMARY KEY,
    ticket_id  VARCHAR(64)   NOT NULL
);
