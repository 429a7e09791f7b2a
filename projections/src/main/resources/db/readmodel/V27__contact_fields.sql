-- Custom fields' values of contacts and organizations (key to value, as for tickets).
ALTER TABLE readmodel.contact ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';
ALTER TABLE readmodel.organization ADD COLUMN fields JSONB NOT NULL DEFAULT '{}';
