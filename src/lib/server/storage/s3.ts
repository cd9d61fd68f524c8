import {
	AbortMultipartUploadCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	ListMultipartUploadsCommand,
	ListObjectsV2Command,
	NoSuchKey,
	S3Client,
	S3ServiceException
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertStorageKey, isStorageKey, type FileStorage, type StoredObject } from './storage.ts';

export interface S3Settings {
	/** An S3-compatible endpoint (MinIO, Ceph, a local test server); unset: AWS itself. */
	endpoint?: string;
	region: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	/** Keys live under this prefix in the bucket ("lobby/"), so one bucket can serve several apps. */
	prefix: string;
}

/** Parts of 8 MiB: a 40 MB drawing goes up as 5 parts, 4 at a time; smaller files as one PUT. */
export const PART_SIZE = 8 * 1024 * 1024;

/** How long a presigned download link works (after the route's own access check). */
const PRESIGNED_SECONDS = 60;

export interface ObjectStorage extends FileStorage {
	/** A short-lived link straight to the object, for a download the caller has already authorised. */
	presignedUrl(key: string, filename: string, contentType: string): Promise<string>;
}

/** The client for the settings (tests wrap it to watch its requests). */
export function s3Client(settings: S3Settings): S3Client {
	return new S3Client({
		region: settings.region,
		endpoint: settings.endpoint,
		// Path-style addressing (endpoint/bucket/key) works with every S3-compatible server.
		forcePathStyle: Boolean(settings.endpoint),
		credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
		// Checksums only where the API requires them: S3-compatible servers do not all accept the
		// SDK's default aws-chunked CRC trailers; the files table keeps each file's SHA-256 anyway.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});
}

/**
 * Files in an S3-compatible bucket (STORAGE=s3): what several app servers share instead of a local
 * directory. Objects are written whole — a single PUT, or a multipart upload completed only when
 * every part is in — so a reader never sees half a file, and a process killed mid-upload leaves
 * at most an unfinished multipart upload, which the daily sweep aborts (reapPartial; a bucket
 * lifecycle rule may do it too).
 */
export function s3Storage(settings: S3Settings, client = s3Client(settings)): ObjectStorage {
	const Bucket = settings.bucket;
	const objectKey = (key: string) => {
		assertStorageKey(key);
		return settings.prefix + key;
	};

	return {
		async put(key, bytes, contentType) {
			const upload = new Upload({
				client,
				params: { Bucket, Key: objectKey(key), Body: bytes, ContentType: contentType },
				partSize: PART_SIZE,
				queueSize: 4,
				// A failed part aborts the whole multipart upload: no parts are left behind.
				leavePartsOnError: false
			});
			await upload.done();
		},

		async get(key): Promise<StoredObject | null> {
			try {
				const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
				if (!out.Body) return null;
				return { size: Number(out.ContentLength ?? 0), body: out.Body.transformToWebStream() as ReadableStream<Uint8Array> };
			} catch (cause) {
				if (cause instanceof NoSuchKey || (cause instanceof S3ServiceException && cause.$metadata.httpStatusCode === 404)) return null;
				throw cause;
			}
		},

		async delete(key) {
			await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
		},

		async reapPartial(before) {
			// A process killed mid-upload leaves its multipart upload open (its parts are billed, never seen).
			let removed = 0;
			let KeyMarker: string | undefined;
			let UploadIdMarker: string | undefined;
			do {
				let page;
				try {
					page = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: settings.prefix, KeyMarker, UploadIdMarker }));
				} catch (cause) {
					// Some S3-compatible servers cannot list uploads: their lifecycle rule is the only sweep (README).
					if (cause instanceof S3ServiceException && cause.name === 'NotImplemented') return removed;
					throw cause;
				}
				for (const upload of page.Uploads ?? []) {
					if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
					await client.send(new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }));
					removed++;
				}
				[KeyMarker, UploadIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextUploadIdMarker] : [undefined, undefined];
			} while (KeyMarker);
			return removed;
		},

		async *list() {
			let ContinuationToken: string | undefined;
			do {
				const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: settings.prefix, ContinuationToken }));
				for (const object of page.Contents ?? []) {
					const key = object.Key?.slice(settings.prefix.length) ?? '';
					// Anything else under the prefix was not put there by Lobby.
					if (isStorageKey(key)) yield { key, modifiedAt: object.LastModified ?? new Date(0) };
				}
				ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
			} while (ContinuationToken);
		},

		presignedUrl(key, filename, contentType) {
			const command = new GetObjectCommand({
				Bucket,
				Key: objectKey(key),
				ResponseContentType: contentType,
				ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`
			});
			return getSignedUrl(client, command, { expiresIn: PRESIGNED_SECONDS });
		}
	};
}
