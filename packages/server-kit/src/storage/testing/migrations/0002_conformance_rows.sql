-- 0002_conformance_rows: rows for the Db tests (transactions, savepoints, a CHECK constraint to violate).
CREATE TABLE conformance_rows (
  sender_id        text   NOT NULL,
  destination      text   NOT NULL,
  amount_usd_cents bigint NOT NULL CHECK (amount_usd_cents >= 0),
  at_ms            bigint NOT NULL
);
CREATE INDEX conformance_rows_sender_idx ON conformance_rows (sender_id, at_ms);
