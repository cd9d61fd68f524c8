/**
 * A local S3-compatible server for the storage suite (s3rver, in this process, on a free port, data
 * in a temporary directory): what the S3 backend is tested against, since CI has no bucket.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/lib/server/storage/s3.ts';

export interface LocalS3 {
	settings: S3Settings;
	close(): Promise<void>;
}

export async function startLocalS3(bucket = 'lobby-test'): Promise<LocalS3> {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-s3-'));
	const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
	const address = await server.run();
	return {
		// s3rver's own fixed credentials.
		settings: {
			endpoint: `http://127.0.0.1:${address.port}`,
			region: 'us-east-1',
			bucket,
			accessKeyId: 'S3RVER',
			secretAccessKey: 'S3RVER',
			prefix: 'files/'
		},
		async close() {
			await server.close();
			fs.rmSync(directory, { recursive: true, force: true });
		}
	};
}
