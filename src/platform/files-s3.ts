// Uploaded files in an S3-compatible object store (AWS S3, MinIO, Ceph, a cloud's OSS/COS …), so that API processes
// on several machines serve the same files (ADR 0021). Loaded only when TONGBAN_FILES names a bucket.
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Config } from './config.ts';
import type { BlobStore } from './files.ts';

/** The object key of a digest: the configured prefix, then the folder store's two-level fan-out. */
export function s3Key(config: Pick<S3Config, 'prefix'>, digest: string): string {
  return `${config.prefix}${digest.slice(0, 2)}/${digest}`;
}

export function s3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    // Checksums only where the API requires them: many S3-compatible servers reject the newer default (CRC32 headers
    // or trailers on every upload). The content is addressed by its SM3 digest, which the platform checks itself.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

function notFound(e: unknown): boolean {
  return e instanceof S3ServiceException ? e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404 : false;
}

/** Blobs as objects `prefix/ab/digest` of one bucket, each with its content type. */
export function s3Blobs(config: S3Config, client: S3Client = s3Client(config)): BlobStore {
  return {
    async write(digest, data, mime) {
      // Content-addressed: writing the same key again writes the same bytes, so no existence check is needed first.
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: s3Key(config, digest), Body: data, ContentType: mime, ContentLength: data.length }));
    },
    async read(digest) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: s3Key(config, digest) }));
        if (!object.Body) return undefined;
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (e) {
        if (notFound(e)) return undefined;
        throw e;
      }
    },
  };
}
