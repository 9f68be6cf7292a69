-- Fireblocks API Co-Signer callback: one row per tx_sign_request, claimed on arrival (replay protection: requestId and
-- jti are unique) and completed with the decision, the PSA it rests on and the signed answer. Append-only in use: the
-- callback never deletes or rewrites a decided row.
CREATE TABLE fireblocks_decisions (
  request_id          text PRIMARY KEY,
  jti                 text UNIQUE,
  tx_id               text,
  -- hex SHA-256 of the request JWT as received (the signed request itself is not kept: it may carry names)
  request_jwt_sha256  text NOT NULL,
  -- the screened claims: operation, asset, source, destination, amounts, rawTx and payload
  request             jsonb NOT NULL,
  received_at         timestamptz NOT NULL,
  decided_at          timestamptz,
  action              text CHECK (action IN ('APPROVE', 'REJECT')),
  outcome             text,
  rejection_reason    text,
  note                text,
  tx_preimage_hash    text,
  psa_id              text,
  verdict             text,
  -- the PSA exactly as JIL returned it (DSSE envelope); verify it again with verifyPsa and the pinned set
  psa_envelope        jsonb,
  -- the compact JWS sent back to the co-signer
  response_jwt        text,
  CHECK ((decided_at IS NULL) = (action IS NULL))
);

CREATE INDEX fireblocks_decisions_psa_id ON fireblocks_decisions (psa_id);
CREATE INDEX fireblocks_decisions_received_at ON fireblocks_decisions (received_at);
