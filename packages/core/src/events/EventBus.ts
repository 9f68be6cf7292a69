/** One record to publish: the topic, the ordering key and the encoded event ({@link encodeEvent}). */
export interface BusRecord {
  topic: string;
  /** Records with the same key keep their order (one partition per key). */
  key: string;
  value: Uint8Array;
}

/** One record as delivered to a subscriber, with where it came from. */
export interface DeliveredRecord extends BusRecord {
  partition: number;
  /** Position in the partition (a decimal string: Kafka offsets are 64-bit). */
  offset: string;
}

/** What {@link EventBus.subscribe} needs. */
export interface SubscribeOptions {
  /** The consumer group: each group receives every record once; a node uses its own group. */
  groupId: string;
  topics: readonly string[];
  /**
   * Called for each record, one at a time per partition. The record's position is committed only after the returned
   * promise resolves; when it rejects, the subscription stops without committing (the record comes again to the
   * next subscriber of the group).
   */
  handler: (record: DeliveredRecord) => Promise<void>;
  /**
   * When given, called instead of `handler` with the records the transport already holds, up to `maxBatch` at a time,
   * in partition order within the array. The positions of the whole batch are committed only after the returned promise
   * resolves; when it rejects, as with `handler`, nothing of the batch is committed and the subscription stops.
   */
  batchHandler?: (records: DeliveredRecord[]) => Promise<void>;
  /** Largest array given to `batchHandler` (default 500). */
  maxBatch?: number;
  /** Called once when the subscription stops because of an error (handler or transport). */
  onError?: (error: unknown) => void;
}

/** Where a consumer group stands in one partition ({@link EventBus.positions}); offsets are decimal strings. */
export interface PartitionPosition {
  topic: string;
  partition: number;
  /** Offset of the first retained record (Kafka's log start offset; `end` when the partition is empty). */
  start: string;
  /** Offset the next record will get (Kafka's high watermark): the partition's records end at `end − 1`. */
  end: string;
  /** The group's committed position (the next offset it will read), or `null` when it committed none. */
  committed: string | null;
}

/** A running subscription. */
export interface Subscription {
  /** Stops consuming; positions already committed stay committed. Idempotent. */
  close(): Promise<void>;
}

/**
 * The transport of the event mesh (DESIGN.md §Storage and the event mesh). Two implementations live in the
 * preclearance shell: an embedded in-process bus (one node, no broker: `jil demo`, the quick start) and Kafka.
 * Delivery is at least once; receivers dedupe on `event_id`.
 */
export interface EventBus {
  /** Creates the topics when the transport needs it (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /**
   * Publishes records and resolves once the transport has them durably (Kafka: acknowledged by all in-sync replicas,
   * idempotent producer). Records of one key keep the order of the array.
   */
  publish(records: readonly BusRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Every partition of `topics` (logical names) with its retained range and `groupId`'s committed position, read
   * now. A consumer that started before this call has caught up with what the topics held when it was made once,
   * in every partition, it handled the record at `end − 1` or `committed ≥ end` or `start ≥ end` (nothing to read).
   */
  positions(options: { groupId: string; topics: readonly string[] }): Promise<PartitionPosition[]>;
  /** Stops every subscription and the producer. Idempotent. */
  close(): Promise<void>;
}
