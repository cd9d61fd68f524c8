/**
 * Streaming multipart reader for upload routes. Request.formData() would hold a whole upload in
 * memory and parse it in one go; this one streams each file to a temporary file (UPLOAD_DIR) as
 * it arrives, within per-file limits, and hands the route a FormData whose Files are backed by
 * those files on disk. The route's own checks (photo type and size, CSV size) then run as usual.
 *
 * Which routes stream, and their limits, is decided by the request guard (request-guard.ts) from
 * the table in boot/upload-routes.ts; it registers the request here and removes its temporary
 * files once the response is made.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { config } from '../config.ts';
import { stripControlCharacters } from './control-characters.ts';

export interface UploadLimits {
	/** The largest body of one post, files and fields together. */
	bodyBytes: number;
	/** Files of one post kept on disk; more are counted but not kept. */
	files: number;
	/** The largest file kept; a bigger one is counted but not kept. */
	fileBytes: number;
}

/** The longest text field of an upload form (a description, a comment). */
const FIELD_BYTES = 1024 * 1024;

interface Upload {
	limits: UploadLimits;
	/** This request's temporary directory, made with its first file. */
	dir?: string;
}

const uploads = new WeakMap<Request, Upload>();

/** The request guard marks a multipart post to an upload route (see request-guard.ts). */
export function registerUpload(request: Request, limits: UploadLimits): void {
	uploads.set(request, { limits });
}

/** Removes the request's temporary files (the guard calls it once the response is made). */
export async function discardUploads(request: Request): Promise<void> {
	const dir = uploads.get(request)?.dir;
	uploads.delete(request);
	if (dir) await fsp.rm(dir, { recursive: true, force: true });
}

/**
 * A file that was counted but not kept: more files than the route takes, or bigger than it
 * takes. Its size is the real one, so the route's own size and count checks refuse it with
 * their message; reading its bytes fails, as there are none.
 */
export class UnkeptFile extends File {
	readonly #size: number;

	constructor(name: string, type: string, size: number) {
		super([], name, { type });
		this.#size = size;
	}

	override get size(): number {
		return this.#size;
	}

	#notKept(): Error {
		return new Error(`The upload "${this.name}" was over the route's limits and was not kept; check a file's size before reading it.`);
	}

	override arrayBuffer(): Promise<ArrayBuffer> {
		return Promise.reject(this.#notKept());
	}

	override bytes(): Promise<Uint8Array<ArrayBuffer>> {
		return Promise.reject(this.#notKept());
	}

	override text(): Promise<string> {
		return Promise.reject(this.#notKept());
	}

	override stream(): ReturnType<File['stream']> {
		throw this.#notKept();
	}

	override slice(): Blob {
		throw this.#notKept();
	}
}

/**
 * The posted form. For a streamed upload: fields cleaned of control characters, files on disk.
 * Anything else (a url-encoded post, a test calling the action directly) is read the ordinary
 * way — the guard has already limited and cleaned it.
 */
export async function readUploadForm(request: Request): Promise<FormData> {
	const upload = uploads.get(request);
	const type = request.headers.get('content-type') ?? '';
	if (!upload || !request.body || !/^multipart\/form-data/i.test(type)) return request.formData();
	const { limits } = upload;
	// In the order posted: files finish writing at their own pace.
	const entries: [name: string, value: string | Promise<File>][] = [];
	let kept = 0;
	let tooLong = false;

	const parser = busboy({
		headers: { 'content-type': type },
		// Browsers send file names as raw UTF-8.
		defParamCharset: 'utf8',
		limits: { fieldSize: FIELD_BYTES, fields: 1000, parts: 2000 }
	});

	async function receive(file: Readable, filename: string, mimeType: string): Promise<File> {
		const cleanName = stripControlCharacters(filename);
		let size = 0;
		let target: string | null = null;
		let out: fs.WriteStream | null = null;
		if (kept < limits.files) {
			kept++;
			upload!.dir ??= await fsp.mkdtemp(path.join(await uploadDir(), 'request-'));
			target = path.join(upload!.dir, String(kept));
			out = fs.createWriteStream(target, { mode: 0o600 });
		}
		for await (const chunk of file as AsyncIterable<Buffer>) {
			size += chunk.length;
			if (out && target && size > limits.fileBytes) {
				// Over the limit: stop keeping it, but count on so the route can say how big it was.
				await closeStream(out);
				await fsp.rm(target, { force: true });
				out = null;
			}
			if (out && !out.write(chunk)) await once(out, 'drain');
		}
		if (out) await closeStream(out);
		if (size === 0) return new File([], cleanName, { type: mimeType });
		if (out && target) return new File([await fs.openAsBlob(target, { type: mimeType })], cleanName, { type: mimeType });
		return new UnkeptFile(cleanName, mimeType, size);
	}

	parser.on('field', (name, value, info) => {
		if (info.nameTruncated || info.valueTruncated) tooLong = true;
		entries.push([stripControlCharacters(name), stripControlCharacters(value)]);
	});
	parser.on('file', (name, file, info) => {
		const received = receive(file, info.filename ?? '', info.mimeType);
		// A failed file must not leave the others waiting: drain what is left of it.
		received.catch(() => file.resume());
		entries.push([stripControlCharacters(name), received]);
	});

	// Fed by hand rather than piped: a pipe cancels the body when the parser fails, and
	// cancelling it drops the connection before the answer can be sent.
	let failure: unknown = null;
	const parsed = new Promise<void>((resolve) => {
		parser.once('close', resolve);
		parser.once('error', (cause) => {
			failure ??= cause;
			resolve();
		});
	});
	const reader = request.body.getReader();
	try {
		while (!failure) {
			const { done, value } = await reader.read();
			if (done) {
				parser.end();
				break;
			}
			if (!parser.write(value)) await Promise.race([once(parser, 'drain'), parsed]);
		}
	} catch (cause) {
		failure ??= cause;
		parser.destroy();
	} finally {
		reader.releaseLock();
	}
	await parsed;
	const values = await Promise.allSettled(entries.map(([, value]) => Promise.resolve(value)));
	failure ??= values.find((result) => result.status === 'rejected')?.reason;
	if (failure) {
		// The guard removes what was written once the response is made.
		if (isTooLarge(failure)) error(413, tooLargeMessage(limits));
		error(400, 'Unreadable form');
	}
	if (tooLong) error(413, tooLargeMessage(limits));
	const form = new FormData();
	values.forEach((value, index) => form.append(entries[index]![0], (value as PromiseFulfilledResult<string | File>).value));
	return form;
}

function tooLargeMessage(limits: UploadLimits): string {
	return m.files_request_too_large({ max: Math.round(limits.bodyBytes / (1024 * 1024)) });
}

/** The body ended with an error that says it was over the limit (the guard's counting stream). */
function isTooLarge(cause: unknown): boolean {
	return (cause as { status?: number } | null)?.status === 413;
}

function closeStream(stream: fs.WriteStream): Promise<void> {
	return new Promise((resolve, reject) => {
		stream.once('error', reject);
		stream.end(() => resolve());
	});
}

async function uploadDir(): Promise<string> {
	const dir = config().uploadDir;
	await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
	return dir;
}

/**
 * Removes temporary upload directories older than `olderThanMs`: a process that died mid-request
 * leaves its files behind. Other processes' current uploads are younger. Returns how many went.
 */
export async function reapStaleUploads({ olderThanMs = 24 * 60 * 60 * 1000, now = new Date() } = {}): Promise<number> {
	const root = config().uploadDir;
	let removed = 0;
	const entries = await fsp.readdir(root, { withFileTypes: true }).catch(() => []);
	for (const entry of entries) {
		if (!entry.isDirectory() || !entry.name.startsWith('request-')) continue;
		const dir = path.join(root, entry.name);
		const stat = await fsp.stat(dir).catch(() => null);
		if (!stat || stat.mtimeMs > now.getTime() - olderThanMs) continue;
		await fsp.rm(dir, { recursive: true, force: true });
		removed++;
	}
	return removed;
}

/**
 * The files posted in a field (photos, by default). An empty file input posts one nameless empty
 * file, which is no file: it is left out.
 */
export function postedFiles(body: FormData, field = 'photos'): File[] {
	return body.getAll(field).filter((f): f is File => f instanceof File && !(f.size === 0 && f.name === ''));
}
