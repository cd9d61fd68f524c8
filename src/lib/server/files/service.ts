import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { files } from '../db/schema/index.ts';
import { storage } from '../storage/configured.ts';
import { newStorageKey } from '../storage/storage.ts';
import type { AcceptedPhoto } from './photos.ts';

export type FileRow = typeof files.$inferSelect;

/** What a file belongs to, e.g. { type: 'repair', id: repair.id }. */
export interface FileSubject {
	type: string;
	id: string;
}

/** Bytes to keep: checked by their domain (a photo, a drawing) or made by the app itself (a receipt). */
export interface FileToStore {
	data: Uint8Array;
	contentType: string;
	width?: number | null;
	height?: number | null;
	/** The user the file is recorded for (files.uploadedBy): the uploader, or e.g. the payer of a receipt; null for a public visitor. */
	ownerId: string | null;
}

/**
 * Stores bytes for a subject and records them, inside the caller's transaction. The caller has
 * already checked the bytes and decided that the actor may attach files to the subject.
 *
 * Order: bytes first, row second. A row therefore never points at missing bytes. If the insert
 * fails, the bytes are deleted at once; if the caller's transaction rolls back later, the bytes
 * stay without a row and reapOrphanFiles removes them after a grace period. Deleting a file is
 * deleting its row: the reaper removes the bytes.
 */
export async function storeFile(tx: Executor, file: FileToStore, subject: FileSubject): Promise<FileRow> {
	const key = newStorageKey();
	await storage().put(key, file.data, file.contentType);
	try {
		const [row] = await tx
			.insert(files)
			.values({
				storageKey: key,
				contentType: file.contentType,
				bytes: file.data.byteLength,
				width: file.width ?? null,
				height: file.height ?? null,
				sha256: createHash('sha256').update(file.data).digest('hex'),
				subjectType: subject.type,
				subjectId: subject.id,
				uploadedBy: file.ownerId
			})
			.returning();
		return row!;
	} catch (cause) {
		await storage()
			.delete(key)
			.catch(() => {});
		throw cause;
	}
}

/** Stores a checked photo (from acceptPhoto) for a subject: storeFile with the photo's uploader (null: a public visitor). */
export function storePhoto(
	tx: Executor,
	actor: Pick<Actor, 'userId'> | null,
	photo: AcceptedPhoto,
	subject: FileSubject
): Promise<FileRow> {
	return storeFile(
		tx,
		{ data: photo.data, contentType: photo.contentType, width: photo.width, height: photo.height, ownerId: actor?.userId ?? null },
		subject
	);
}

const extensions: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/pdf': 'pdf',
	'image/vnd.dwg': 'dwg',
	'image/vnd.dxf': 'dxf'
};

/** The usual file name ending of a stored type ('bin' for one not listed). */
export function extensionOf(contentType: string): string {
	return extensions[contentType] ?? 'bin';
}

/** Types no browser shows: always downloaded. */
const downloadOnly = new Set(['image/vnd.dwg', 'image/vnd.dxf']);

export interface ServeOptions {
	/** The download name, made by the caller from trusted data (e.g. "receipt-R-000123.pdf"). */
	filename?: string;
	/**
	 * Bytes the app generated itself (a receipt). They get no CSP sandbox, which would stop
	 * Chromium's built-in PDF viewer from running; uploads always keep it.
	 */
	generated?: boolean;
}

/** The headers every file answer carries: its type, its name, nosniff, and a CSP that never lets it run as a page. */
function fileHeaders(contentType: string, filename: string, generated: boolean, cacheControl: string): Headers {
	return new Headers({
		'Content-Type': contentType,
		'Content-Disposition': `${downloadOnly.has(contentType) ? 'attachment' : 'inline'}; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': generated
			? "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
			: "default-src 'none'; sandbox",
		'Cache-Control': cacheControl
	});
}

/**
 * A document the app draws on each request (a construction permit, whose status may change), not
 * kept: like a generated file, but never cached. AUTHORISATION IS THE CALLER'S JOB, as for serveFile.
 */
export function serveGenerated(bytes: Uint8Array, contentType: string, filename: string): Response {
	const headers = fileHeaders(contentType, filename, true, 'private, no-store');
	headers.set('Content-Length', String(bytes.byteLength));
	return new Response(bytes as BodyInit, { status: 200, headers });
}

/**
 * The HTTP answer for one file. AUTHORISATION IS THE CALLER'S JOB: the route looks the row up
 * through its domain service (a repair module checks the actor may see the repair the photo
 * belongs to, and answers 404 otherwise) and only then hands the row here.
 *
 * The name is made here, never taken from the upload; nosniff and a sandboxing CSP keep a
 * browser from ever treating the bytes as a page.
 */
export async function serveFile(
	file: Pick<FileRow, 'id' | 'storageKey' | 'contentType' | 'sha256'>,
	request?: Request,
	options: ServeOptions = {}
): Promise<Response> {
	const etag = `"${file.sha256}"`;
	const filename =
		options.filename ??
		`${file.contentType.startsWith('image/') ? 'photo' : 'file'}-${file.id.slice(0, 8)}.${extensionOf(file.contentType)}`;
	// Private: only the signed-in viewer's browser may keep it. Stored bytes never change
	// (a new upload is a new file), so an hour's reuse is safe.
	const headers = fileHeaders(file.contentType, filename, options.generated ?? false, 'private, max-age=3600');
	headers.set('ETag', etag);
	if (request?.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });

	const stored = await storage().get(file.storageKey);
	if (!stored) error(404, 'File not found');
	headers.set('Content-Length', String(stored.size));
	return new Response(stored.body, { status: 200, headers });
}

/** A stored file's bytes, for the app's own use (a photo drawn into a PDF); null when they are gone. */
export async function fileBytes(file: Pick<FileRow, 'storageKey'>): Promise<Uint8Array | null> {
	const stored = await storage().get(file.storageKey);
	return stored ? new Uint8Array(await new Response(stored.body).arrayBuffer()) : null;
}

/**
 * Deletes stored objects that no files row refers to and that are older than the grace period
 * (uploads of transactions that rolled back, files whose row was deleted). The grace period
 * must outlast the longest transaction, or the bytes of one still open would go. Meant for a
 * periodic job; returns how many objects it removed.
 */
export async function reapOrphanFiles(
	{ olderThanMs = 24 * 60 * 60 * 1000, now = new Date() }: { olderThanMs?: number; now?: Date } = {},
	executor: Executor = db()
): Promise<number> {
	const cutoff = now.getTime() - olderThanMs;
	let removed = 0;
	let batch: string[] = [];
	const sweep = async () => {
		const referenced = await executor.select({ key: files.storageKey }).from(files).where(inArray(files.storageKey, batch));
		const keep = new Set(referenced.map((r) => r.key));
		for (const key of batch) {
			if (keep.has(key)) continue;
			await storage().delete(key);
			removed++;
		}
		batch = [];
	};
	for await (const { key, modifiedAt } of storage().list()) {
		if (modifiedAt.getTime() > cutoff) continue;
		batch.push(key);
		if (batch.length >= 500) await sweep();
	}
	if (batch.length) await sweep();
	// And what writes interrupted by a crash left half done (never a stored object).
	return removed + (await storage().reapPartial(new Date(cutoff)));
}
