import { err, ok, Result } from '@localport/domain';
import { KafkaConnection } from './kafka-connection';
import { KAFKA_API, metadataRequestBody } from './kafka-protocol';
import { decodeApiVersionsV0, decodeMetadata } from './kafka-responses';
import { messageOf } from './with-deadline';

/** What one broker told us. */
export interface KafkaProbeInfo {
  readonly brokers: number;
  readonly metadataVersion: 0 | 1;
}

/**
 * ApiVersions v0, then Metadata (v1 with no topics when the broker offers it, else v0) on one connection.
 * Ok when both answers are well-framed with matching correlation ids, error code 0, and at least one broker.
 */
export async function probeKafkaBroker(host: string, port: number, signal: AbortSignal): Promise<Result<KafkaProbeInfo, string>> {
  let connection: KafkaConnection | undefined;
  try {
    connection = await KafkaConnection.open(host, port, signal);
    const versions = decodeApiVersionsV0(await connection.request(KAFKA_API.apiVersions, 0));
    if (versions.errorCode !== 0) return err(`ApiVersions answered error code ${versions.errorCode}`);
    const metadata = versions.apis.find((a) => a.apiKey === KAFKA_API.metadata);
    if (!metadata || metadata.minVersion > 1) return err('the broker offers no Metadata v0 or v1');
    const version: 0 | 1 = metadata.maxVersion >= 1 ? 1 : 0;
    const { brokers } = decodeMetadata(await connection.request(KAFKA_API.metadata, version, metadataRequestBody()), version);
    if (brokers.length === 0) return err('Metadata lists no brokers');
    return ok({ brokers: brokers.length, metadataVersion: version });
  } catch (e) {
    return err(messageOf(e));
  } finally {
    connection?.close();
  }
}
