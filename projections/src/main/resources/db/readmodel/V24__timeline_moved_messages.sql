-- Messages merged into a ticket (or split off into a new one) show on its timeline as they were recorded, at
-- their own events' positions, marked with the ticket they came from.
ALTER TABLE readmodel.ticket_timeline ADD COLUMN from_ticket VARCHAR(64);
