import { settings } from '../../core/config.ts';

/**
 * Session settings that let the Spark server read and write `s3a://` paths
 * of an S3 lake, from the same standard AWS variables the lake uses
 * (docs/lake-s3.md). Spark copies session `fs.*` settings into the Hadoop
 * configuration of each query, so nothing has to be set on the server.
 *
 * Hadoop caches one S3A filesystem per bucket for the server's lifetime: the
 * endpoint and credentials of the first session that touches a bucket are
 * the ones used for it until the server restarts.
 */
export function s3aSessionConf(): Record<string, string> {
  const { awsEndpoint: endpoint, awsAccessKeyId: accessKey, awsSecretAccessKey: secretKey, awsSessionToken: sessionToken, awsRegion } = settings();
  if (endpoint === undefined && accessKey === undefined) return {}; // no S3 lake configured: leave the server's defaults
  const conf: Record<string, string> = {
    'fs.s3a.endpoint.region': awsRegion,
    // A stopped server must fail a run in seconds: the S3A defaults retry
    // for minutes (7 retries of 5 SDK attempts, 30 s connection timeout).
    'fs.s3a.retry.limit': '2',
    'fs.s3a.attempts.maximum': '2',
    'fs.s3a.connection.establish.timeout': '5s',
  };
  if (endpoint !== undefined) {
    conf['fs.s3a.endpoint'] = endpoint;
    // MinIO and most S3-compatible servers want http://host:port/bucket/key.
    conf['fs.s3a.path.style.access'] = 'true';
    conf['fs.s3a.connection.ssl.enabled'] = String(endpoint.startsWith('https://'));
  }
  if (accessKey !== undefined && secretKey !== undefined) {
    conf['fs.s3a.access.key'] = accessKey;
    conf['fs.s3a.secret.key'] = secretKey;
    if (sessionToken !== undefined) {
      conf['fs.s3a.session.token'] = sessionToken;
      conf['fs.s3a.aws.credentials.provider'] = 'org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider';
    }
  }
  return conf;
}
