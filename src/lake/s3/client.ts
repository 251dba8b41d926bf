import { S3Client } from '@aws-sdk/client-s3';
import { quietAwsSdkNodeWarning, settings } from '../../core/config.ts';

/** Where the S3 server is and who we are, from the standard AWS variables. */
export interface S3Settings {
  /** `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`; undefined = AWS itself. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** Undefined: the SDK's default chain (profile, SSO, instance role…). */
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

export function s3Settings(): S3Settings {
  const { awsAccessKeyId: accessKeyId, awsSecretAccessKey: secretAccessKey, awsSessionToken: sessionToken, awsEndpoint, awsRegion } = settings();
  return {
    endpoint: awsEndpoint,
    region: awsRegion,
    credentials:
      accessKeyId === undefined || secretAccessKey === undefined
        ? undefined
        : { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) },
  };
}

/** How error messages name the server: its URL, or AWS and the region. */
export function describeEndpoint(settings: S3Settings): string {
  return settings.endpoint ?? `AWS S3 (${settings.region})`;
}

export function createS3Client(settings: S3Settings): S3Client {
  quietAwsSdkNodeWarning();
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    // MinIO and most S3-compatible servers want path-style URLs
    // (http://host:9000/bucket/key); AWS accepts them too.
    forcePathStyle: true,
    // The SDK's default CRC checksums on every request are not understood by
    // every S3-compatible server; send them only where S3 requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A stopped server must fail in seconds, not after the OS's TCP timeout.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    maxAttempts: 3,
  });
}
