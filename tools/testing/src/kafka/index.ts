/** A protocol-level Kafka test broker (ApiVersions v0-v3, Metadata v0-v1) with switchable misbehaviour. */
export * from './kafka-test-broker';
export * from './kafka-request';
export * from './kafka-responses';
export * from './kafka-writer';
