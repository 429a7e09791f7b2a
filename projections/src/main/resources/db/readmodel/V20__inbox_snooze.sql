-- A snoozed ticket leaves the inbox views until it comes back (snoozed_until; null: when the customer writes).
ALTER TABLE readmodel.inbox_ticket ADD COLUMN snoozed BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE readmodel.inbox_ticket ADD COLUMN snoozed_until TIMESTAMPTZ;
