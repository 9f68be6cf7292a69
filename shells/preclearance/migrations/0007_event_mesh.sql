-- 0007_event_mesh: the event mesh's outbox, inbox and dead-letter tables (docs/architecture.md §Event mesh).
-- Issued PSAs (psas) and risk history (transfer_history) write their outbox row in the transaction of the change,
-- through AFTER INSERT triggers, so no writer can forget it — once the node has joined a mesh (event_mesh_node has its
-- row): a node that never runs the mesh writes no outbox rows. A transaction that applies another node's event sets
-- jil.event_apply = 'on' (set_config(…, true): that transaction only), and its changes are not published again.

-- The node's identity in the mesh, written when its mesh first starts; a database belongs to one source_id for good
-- (its sequence numbers are that source's).
CREATE TABLE event_mesh_node (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  source_id text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now()
);

-- A global identity for each risk-history row, so the same row merges once on every node (the bigserial id is local).
ALTER TABLE transfer_history ADD COLUMN entry_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX transfer_history_entry_id_key ON transfer_history (entry_id);

-- What this node publishes. event_id is fixed with the change; source_id and sequence are assigned by the relay
-- (one per node) in publishing order, so the per-source sequence increases on the wire even when transactions commit
-- out of id order; sent_at is set once the broker acknowledged the event.
CREATE TABLE event_outbox (
  id          bigserial PRIMARY KEY,
  event_id    uuid NOT NULL UNIQUE,
  topic       text NOT NULL,
  event_key   text NOT NULL,
  payload     jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  source_id   text NULL,
  sequence    bigint NULL CHECK (sequence IS NULL OR sequence >= 1),
  sent_at     timestamptz NULL,
  CHECK ((source_id IS NULL) = (sequence IS NULL)),
  CHECK (sent_at IS NULL OR sequence IS NOT NULL),
  UNIQUE (source_id, sequence)
);
CREATE INDEX event_outbox_unsent_idx ON event_outbox (id) WHERE sent_at IS NULL;

-- Events of other nodes applied here, recorded in the transaction that applied them: each applies once.
CREATE TABLE event_inbox (
  event_id   uuid PRIMARY KEY,
  source_id  text NOT NULL,
  topic      text NOT NULL,
  sequence   bigint NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Records that could not be decoded or applied, with the reason; the consumer parks them and moves on.
CREATE TABLE event_dead_letters (
  id               bigserial PRIMARY KEY,
  topic            text NOT NULL,
  record_partition integer NOT NULL,
  record_offset    bigint NOT NULL,
  event_key        text NOT NULL,
  event_id         text NULL,
  source_id        text NULL,
  reason_code      text NOT NULL,
  reason           jsonb NOT NULL,
  raw_base64       text NOT NULL,
  raw_size         integer NOT NULL,
  parked_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, record_partition, record_offset)
);

-- A UUIDv7 (RFC 9562 §5.7): gen_random_uuid() with its first 48 bits replaced by Unix milliseconds, version 4 → 7.
CREATE FUNCTION jil_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1),
    'hex')::uuid
$$;

CREATE FUNCTION jil_outbox_psas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('jil.event_apply', true), '') = 'on' OR NOT EXISTS (SELECT 1 FROM event_mesh_node) THEN RETURN NULL; END IF;
  INSERT INTO event_outbox (event_id, topic, event_key, payload) VALUES (
    jil_uuidv7(), 'jil.state.sync.psas', NEW.psa_id::text,
    jsonb_build_object(
      'psa_id', NEW.psa_id::text, 'transit_id', NEW.transit_id, 'custodian_id', NEW.custodian_id, 'verdict', NEW.verdict,
      'issued_at', to_char(NEW.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'expires_at', to_char(NEW.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'envelope', NEW.envelope, 'body_sha256', NEW.body_sha256, 'request_sha256', NEW.request_sha256));
  RETURN NULL;
END
$$;
CREATE TRIGGER psas_event_outbox AFTER INSERT ON psas FOR EACH ROW EXECUTE FUNCTION jil_outbox_psas();

CREATE FUNCTION jil_outbox_transfer_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('jil.event_apply', true), '') = 'on' OR NOT EXISTS (SELECT 1 FROM event_mesh_node) THEN RETURN NULL; END IF;
  INSERT INTO event_outbox (event_id, topic, event_key, payload) VALUES (
    jil_uuidv7(), 'jil.state.sync.transfer_history', NEW.sender_id,
    jsonb_build_object(
      'entry_id', NEW.entry_id::text, 'sender_id', NEW.sender_id, 'destination', NEW.destination,
      'amount_usd_cents', NEW.amount_usd_cents::text, 'at_ms', NEW.at_ms::text));
  RETURN NULL;
END
$$;
CREATE TRIGGER transfer_history_event_outbox AFTER INSERT ON transfer_history FOR EACH ROW EXECUTE FUNCTION jil_outbox_transfer_history();
