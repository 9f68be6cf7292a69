-- 0006_transit_id_idempotency: one PSA per (custodian, transit_id) (docs/api.md §transit_id).
-- request_sha256 = hex SHA-256 of the RFC 8785 bytes of the validated transfer request. The same request again answers
-- the stored PSA; another request with that transit_id is refused (REQUEST_TRANSIT_ID_REUSED). Rows issued before this
-- migration have NULL and are outside the unique index (older databases may hold repeated transit_ids).
ALTER TABLE psas ADD COLUMN request_sha256 text NULL CHECK (request_sha256 IS NULL OR request_sha256 ~ '^[0-9a-f]{64}$');
CREATE UNIQUE INDEX psas_custodian_id_transit_id_key ON psas (custodian_id, transit_id) WHERE request_sha256 IS NOT NULL;
