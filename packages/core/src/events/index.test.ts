import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as events from './index.js';

describe('@jil/core/events public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(events).sort()).toEqual([
      'EVENT_ENVELOPE_FIELDS',
      'EVENT_MAX_BYTES',
      'EVENT_SOURCE_ID',
      'EVENT_TABLE_NAME',
      'EVENT_TOPICS',
      'decodeEvent',
      'encodeEvent',
      'eventEnvelopeIssues',
      'isEventTopic',
      'stateSyncTable',
      'stateSyncTopic',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'BusRecord',
      'DecodeEventOptions',
      'DeliveredRecord',
      'EventBus',
      'EventEnvelope',
      'PartitionPosition',
      'SubscribeOptions',
      'Subscription',
    ]);
  });
});
