-- 0003_ledger_outbox: ledger writes for the event mesh, topic jil.ledger.writes, key = account (shells/ledger/README.md
-- §Event mesh, docs/architecture.md §Event mesh). LedgerWriter inserts one row per (journal entry, non-system account
-- it touches: user:* and fees:*) in the transaction of the entry, right after the entry's balance rows were locked, so
-- a rolled-back write leaves no row and the rows of one account get ids in commit order. event_id is fixed with the
-- change; source_id and sequence are assigned by the relay (LedgerEventRelay, one per ledger) in id order; sent_at is
-- set once the bus acknowledged the event. What an event says never changes afterwards (trigger below), so a relay
-- that crashed between publish and mark-sent publishes the same bytes again.
CREATE TABLE ledger_outbox (
  id          bigserial PRIMARY KEY,
  event_id    uuid NOT NULL UNIQUE,
  topic       text NOT NULL CHECK (topic = 'jil.ledger.writes'),
  event_key   text NOT NULL CHECK (event_key <> '' AND event_key NOT LIKE 'system:%'),
  entry_id    uuid NOT NULL REFERENCES ledger_entries (entry_id),
  payload     jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  source_id   text NULL,
  sequence    bigint NULL CHECK (sequence IS NULL OR sequence >= 1),
  sent_at     timestamptz NULL,
  CHECK ((source_id IS NULL) = (sequence IS NULL)),
  CHECK (sent_at IS NULL OR sequence IS NOT NULL),
  UNIQUE (source_id, sequence),
  UNIQUE (entry_id, event_key)
);
CREATE INDEX ledger_outbox_unsent ON ledger_outbox (id) WHERE sent_at IS NULL;

-- The event a row describes is fixed: only (source_id, sequence) may be set once, then sent_at once. No row is deleted.
CREATE FUNCTION ledger_outbox_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR NEW.id <> OLD.id OR NEW.event_id <> OLD.event_id OR NEW.topic <> OLD.topic OR NEW.event_key <> OLD.event_key
     OR NEW.entry_id <> OLD.entry_id OR NEW.payload <> OLD.payload OR NEW.recorded_at <> OLD.recorded_at
     OR (OLD.sequence IS NOT NULL AND (NEW.sequence IS DISTINCT FROM OLD.sequence OR NEW.source_id IS DISTINCT FROM OLD.source_id))
     OR (OLD.sent_at IS NOT NULL AND NEW.sent_at IS DISTINCT FROM OLD.sent_at) THEN
    RAISE EXCEPTION 'ledger_outbox: an event is fixed once recorded' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_outbox_fixed BEFORE UPDATE OR DELETE ON ledger_outbox
  FOR EACH ROW EXECUTE FUNCTION ledger_outbox_fixed();
