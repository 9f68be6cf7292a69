-- 0008_event_source_positions: the last sequence this node applied per source, topic and partition. A source's
-- sequence increases in the order its relay publishes, and one partition keeps that order, so an event whose sequence
-- is not above the last one applied from its source in its partition (and that is no duplicate) is refused.
CREATE TABLE event_source_positions (
  source_id        text    NOT NULL,
  topic            text    NOT NULL,
  record_partition integer NOT NULL,
  last_sequence    bigint  NOT NULL CHECK (last_sequence >= 1),
  PRIMARY KEY (source_id, topic, record_partition)
);
