-- 0009_event_mesh_clearances: the event mesh replicates sanctions clearances, their audit events and the
-- transparency log's entries (docs/architecture.md §Event mesh, "Conflict rules"). As in 0007, AFTER triggers write
-- the outbox row in the transaction of the change, only once the node joined a mesh (event_mesh_node) and never
-- inside a transaction that applies another node's event (jil.event_apply = 'on').

-- One writer at a time per (custodian_id, party_id, list, entry_id): a local grant (the BEFORE INSERT trigger below)
-- and the consumer's apply (replicatedTables.ts) take this lock, so the apply reads and rewrites a party's clearances
-- without a local grant slipping in between (two-key form: its own lock space, apart from the log's bigint lock).
CREATE FUNCTION jil_clearance_lock(custodian text, party text, list text, entry text) RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT pg_advisory_xact_lock(7319, hashtext(jsonb_build_array(custodian, party, list, entry)::text))
$$;

-- A refusal the consumer parks: SQLSTATE 23000 (integrity constraint violation, class 23) with the reason.
CREATE FUNCTION jil_event_refuse(reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', reason USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Causal knowledge for the concurrent-grant rule: the clearances of the same party and entry that the granting node
-- held when it granted this one (all revoked there, by the partial unique index), closed over their own supersedes.
-- A clearance neither knows nor is known by another of its party and entry was granted concurrently on another node.
ALTER TABLE sanctions_clearances ADD COLUMN supersedes uuid[] NOT NULL DEFAULT '{}';
-- Rows from before this migration were granted on this node alone, one after the other: the one in force (if any)
-- supersedes every other; a revoked one supersedes the earlier ones (cleared_at, then clearance_id).
UPDATE sanctions_clearances c SET supersedes = coalesce((
  SELECT array_agg(p.clearance_id ORDER BY p.clearance_id) FROM sanctions_clearances p
  WHERE p.custodian_id = c.custodian_id AND p.party_id = c.party_id AND p.list = c.list AND p.entry_id = c.entry_id
    AND p.clearance_id <> c.clearance_id
    AND (c.revoked_at IS NULL OR (p.revoked_at IS NOT NULL AND (p.cleared_at, p.clearance_id) < (c.cleared_at, c.clearance_id)))
), '{}');

CREATE FUNCTION jil_clearances_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM jil_clearance_lock(NEW.custodian_id, NEW.party_id, NEW.list, NEW.entry_id);
  -- A remote clearance keeps the supersedes of its origin; a local grant knows every clearance of the party and entry here.
  IF coalesce(current_setting('jil.event_apply', true), '') <> 'on' THEN
    NEW.supersedes := coalesce((
      SELECT array_agg(DISTINCT k.id ORDER BY k.id) FROM (
        SELECT c.clearance_id AS id FROM sanctions_clearances c
        WHERE c.custodian_id = NEW.custodian_id AND c.party_id = NEW.party_id AND c.list = NEW.list AND c.entry_id = NEW.entry_id
        UNION ALL
        SELECT unnest(c.supersedes) FROM sanctions_clearances c
        WHERE c.custodian_id = NEW.custodian_id AND c.party_id = NEW.party_id AND c.list = NEW.list AND c.entry_id = NEW.entry_id
      ) k WHERE k.id <> NEW.clearance_id
    ), '{}');
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sanctions_clearances_supersedes BEFORE INSERT ON sanctions_clearances FOR EACH ROW EXECUTE FUNCTION jil_clearances_before_insert();

-- The full row state after each grant and each change (a revocation is an UPDATE). Key: the party and entry
-- (custodian_id, party_id, list, entry_id) rather than clearance_id, so one node's grant, revocation and re-grant of
-- the same entry stay in order on one partition: a re-grant never arrives before the revocation that allowed it.
CREATE FUNCTION jil_outbox_sanctions_clearances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('jil.event_apply', true), '') = 'on' OR NOT EXISTS (SELECT 1 FROM event_mesh_node) THEN RETURN NULL; END IF;
  INSERT INTO event_outbox (event_id, topic, event_key, payload) VALUES (
    jil_uuidv7(), 'jil.state.sync.sanctions_clearances',
    jsonb_build_array(NEW.custodian_id, NEW.party_id, NEW.list, NEW.entry_id)::text,
    jsonb_build_object(
      'clearance_id', NEW.clearance_id::text, 'custodian_id', NEW.custodian_id, 'party_id', NEW.party_id,
      'list', NEW.list, 'entry_id', NEW.entry_id, 'party_name', NEW.party_name, 'cleared_by', NEW.cleared_by,
      'reason', NEW.reason, 'access_key_id', NEW.access_key_id,
      'cleared_at', to_char(NEW.cleared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'expires_at', to_char(NEW.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'revoked_at', to_char(NEW.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'revoked_by', NEW.revoked_by, 'revoke_reason', NEW.revoke_reason,
      'supersedes', to_jsonb(ARRAY(SELECT s::text FROM unnest(NEW.supersedes) AS s ORDER BY s))));
  RETURN NULL;
END
$$;
CREATE TRIGGER sanctions_clearances_event_outbox AFTER INSERT ON sanctions_clearances FOR EACH ROW EXECUTE FUNCTION jil_outbox_sanctions_clearances();
CREATE TRIGGER sanctions_clearances_event_outbox_update AFTER UPDATE ON sanctions_clearances FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION jil_outbox_sanctions_clearances();

-- A global identity for each audit event (the bigserial id is local). The foreign key to the clearance goes: the
-- audit event of a remote clearance may arrive before the clearance itself (another topic); the local writer still
-- records both in one transaction.
ALTER TABLE sanctions_clearance_events ADD COLUMN audit_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sanctions_clearance_events_audit_id_key ON sanctions_clearance_events (audit_id);
ALTER TABLE sanctions_clearance_events DROP CONSTRAINT sanctions_clearance_events_clearance_id_fkey;

CREATE FUNCTION jil_outbox_sanctions_clearance_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('jil.event_apply', true), '') = 'on' OR NOT EXISTS (SELECT 1 FROM event_mesh_node) THEN RETURN NULL; END IF;
  INSERT INTO event_outbox (event_id, topic, event_key, payload) VALUES (
    jil_uuidv7(), 'jil.state.sync.sanctions_clearance_events', NEW.clearance_id::text,
    jsonb_build_object(
      'audit_id', NEW.audit_id::text, 'clearance_id', NEW.clearance_id::text, 'action', NEW.action, 'actor', NEW.actor,
      'access_key_id', NEW.access_key_id, 'reason', NEW.reason,
      'at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
  RETURN NULL;
END
$$;
CREATE TRIGGER sanctions_clearance_events_event_outbox AFTER INSERT ON sanctions_clearance_events FOR EACH ROW EXECUTE FUNCTION jil_outbox_sanctions_clearance_events();

-- The origin line of this node's transparency log (c2sp.org/tlog-checkpoint), recorded by LogService.start: each
-- node's log is its own (own origin, own key, own indexes), and its entries travel with their origin.
CREATE TABLE tlog_origin (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  origin    text NOT NULL CHECK (length(origin) BETWEEN 1 AND 512)
);

-- Other nodes' log entries, as their logs sequenced them. Never part of this node's log (tlog_entries, its tiles and
-- checkpoints); append-only, one entry per (origin, idx). No foreign key to psas: the PSA comes on another topic.
CREATE TABLE tlog_remote_entries (
  origin      text   NOT NULL CHECK (length(origin) BETWEEN 1 AND 512),
  idx         bigint NOT NULL CHECK (idx >= 0),
  psa_id      uuid   NOT NULL,
  entry       text   NOT NULL CHECK (octet_length(entry) BETWEEN 1 AND 65535),
  leaf_hash   bytea  NOT NULL CHECK (length(leaf_hash) = 32),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, idx)
);

-- Key: the origin, so one log's entries stay in index order on one partition. An entry sequenced before the log
-- recorded its origin (LogService.start runs before the node serves) is not published.
CREATE FUNCTION jil_outbox_tlog_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  log_origin text;
BEGIN
  IF coalesce(current_setting('jil.event_apply', true), '') = 'on' OR NOT EXISTS (SELECT 1 FROM event_mesh_node) THEN RETURN NULL; END IF;
  SELECT origin INTO log_origin FROM tlog_origin;
  IF log_origin IS NULL THEN RETURN NULL; END IF;
  INSERT INTO event_outbox (event_id, topic, event_key, payload) VALUES (
    jil_uuidv7(), 'jil.state.sync.tlog_entries', log_origin,
    jsonb_build_object(
      'origin', log_origin, 'idx', NEW.idx::text, 'psa_id', NEW.psa_id::text, 'entry', NEW.entry,
      'leaf_hash', encode(NEW.leaf_hash, 'hex')));
  RETURN NULL;
END
$$;
CREATE TRIGGER tlog_entries_event_outbox AFTER INSERT ON tlog_entries FOR EACH ROW EXECUTE FUNCTION jil_outbox_tlog_entries();
