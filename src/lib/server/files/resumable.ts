/**
 * Resumable uploads with the tus protocol (tus.io; @tus/server here, tus-js-client in the
 * browser): a big file goes up in chunks, and after a dropped connection — a phone in a lift —
 * the browser asks how much arrived and sends only the rest. Bytes collect in UPLOAD_DIR/resumable
 * until the last one arrives; then the domain checks the whole file and keeps it (or refuses it
 * with a message) and the partial copy goes. Unfinished uploads expire after a day and the daily
 * file sweep removes them (files/reaper.ts).
 *
 * One upload belongs to the person who started it and to the address it was started at (an
 * application's upload address, say): anyone else asking about it, or sending to it, gets 404.
 * The route decides who may start one (`start`) before a byte is accepted.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import { config } from '../config.ts';
import { InputError } from '../kernel/input-error.ts';

/** What the browser says about the file: tus metadata, every value a string the person chose. */
export type UploadMetadata = Readonly<Record<string, string>>;

export interface ResumableTarget {
	/** The upload address, e.g. /app/renovations/<id>/uploads; each upload is bound to it. */
	base: string;
	ownerId: string;
	/** Refuses (throws) an upload that may not start: the actor, the record's step, the metadata, the size. */
	start(metadata: UploadMetadata, size: number): Promise<void>;
	/** The whole file has arrived at `filePath`: check and keep it; the answer's JSON body. */
	finish(filePath: string, metadata: UploadMetadata): Promise<unknown>;
}

const DAY = 24 * 60 * 60 * 1000;

let shared: { store: FileStore; locker: MemoryLocker; dir: string } | undefined;

function store() {
	const dir = path.join(config().uploadDir, 'resumable');
	if (shared?.dir !== dir)
		shared = { store: new FileStore({ directory: dir, expirationPeriodInMilliseconds: DAY }), locker: new MemoryLocker(), dir };
	return shared;
}

/** A refusal as @tus/server sends it (it reads `status_code` and `body`): a plain-text message the page shows as it is. */
class TusRefusal extends Error {
	readonly status_code: number;
	readonly body: string;
	constructor(status_code: number, body: string) {
		super(body);
		this.status_code = status_code;
		this.body = body;
	}
}

function refusal(cause: unknown): TusRefusal {
	if (cause instanceof InputError) return new TusRefusal(422, cause.message);
	if (isHttpError(cause)) return new TusRefusal(cause.status, cause.body.message);
	throw cause;
}

const notFound = () => new TusRefusal(404, 'Not found\n');

/** Answers one tus request (POST, HEAD, PATCH, DELETE, OPTIONS) to the target's address. */
export function handleResumable(request: Request, target: ResumableTarget): Promise<Response> {
	const { store: datastore, locker } = store();
	const server = new Server({
		path: target.base,
		datastore,
		locker,
		relativeLocation: true,
		// The page is served from this origin only: no other site's script may upload through it.
		allowedOrigins: [config().origin],
		async onIncomingRequest(req, id) {
			if (req.method === 'POST' || req.method === 'OPTIONS') return;
			let upload: Upload;
			try {
				upload = await datastore.getUpload(id);
			} catch {
				throw notFound();
			}
			if (upload.metadata?.owner !== target.ownerId || upload.metadata?.base !== target.base) throw notFound();
		},
		async onUploadCreate(_req, upload) {
			const metadata: Record<string, string> = {};
			for (const [key, value] of Object.entries(upload.metadata ?? {})) if (value !== null) metadata[key] = value;
			try {
				if (upload.size === undefined) throw new InputError('file', 'Upload-Length is required');
				await target.start(metadata, upload.size);
			} catch (cause) {
				throw refusal(cause);
			}
			return { metadata: { ...metadata, owner: target.ownerId, base: target.base } };
		},
		async onUploadFinish(_req, upload) {
			const metadata: Record<string, string> = {};
			for (const [key, value] of Object.entries(upload.metadata ?? {})) if (value !== null) metadata[key] = value;
			try {
				const result = await target.finish(path.join(store().dir, upload.id), metadata);
				return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result) };
			} catch (cause) {
				throw refusal(cause);
			} finally {
				// Kept or refused, the partial copy has served: the domain stored what it keeps.
				await datastore.remove(upload.id).catch(() => {});
			}
		}
	});
	return server.handleWeb(request);
}

/** Removes uploads nobody finished within a day (the daily file sweep calls it). */
export async function reapExpiredResumableUploads(): Promise<number> {
	// Not store(): the file store makes its directory, and a sweep should leave none behind.
	if (!(await fsp.stat(path.join(config().uploadDir, 'resumable')).catch(() => null))) return 0;
	return store().store.deleteExpired();
}
