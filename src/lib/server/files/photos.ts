import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { m } from '#lib/paraglide/messages.js';
import { FileInputError } from './errors.ts';
import { sniffImageType, type SniffedType } from '#lib/files/sniff.ts';
import { stripControlCharacters } from '../forms/control-characters.ts';

const MB = 1024 * 1024;

/**
 * Limits for photos from phones. The browser shrinks photos before upload (≤ ~1 MB), so these
 * bound the no-JavaScript path and hostile input: 15 MB covers a full-size 48-megapixel phone
 * JPEG; 120 megapixels covers a 108-megapixel sensor yet refuses decompression bombs (a
 * 30000×30000 PNG is 900 megapixels). The upload routes (boot/upload-routes.ts) keep files up to
 * maxBytes and count bigger ones, so an oversized photo still reaches these checks and its message.
 */
export const photoLimits = {
	maxBytes: 15 * MB,
	maxPixels: 120_000_000,
	maxLongSide: 2048,
	jpegQuality: 82,
	maxPhotos: 6
} as const;

export interface AcceptedPhoto {
	/** Re-encoded JPEG: upright, long side ≤ maxLongSide, no EXIF/GPS/XMP/IPTC. */
	data: Uint8Array;
	contentType: 'image/jpeg';
	width: number;
	height: number;
	bytes: number;
	/** Hex SHA-256 of data. */
	sha256: string;
}

const decodable: ReadonlySet<SniffedType> = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heic']);

/** The name to show in a message: the user's own file name, trimmed of anything unprintable (or `unnamed`). */
export function displayName(fileName: string, unnamed: () => string): string {
	// A name is one line; bidirectional overrides could make it read backwards in the message.
	const name = stripControlCharacters(fileName)
		.replace(/[\t\n\r\u202a-\u202e\u2066-\u2069]/g, '')
		.trim();
	if (!name) return unnamed();
	return name.length > 60 ? `${name.slice(0, 40)}…${name.slice(-15)}` : name;
}

/**
 * Checks one uploaded photo and re-encodes it. Throws FileInputError (translated) for anything
 * the user must fix; never lets a decoder see more than the header of an oversized image.
 */
export async function acceptPhoto(file: File, position = 1): Promise<AcceptedPhoto> {
	const name = displayName(file.name, () => m.files_unnamed({ position }));
	if (file.size === 0) throw new FileInputError('empty', m.files_empty({ name }));
	if (file.size > photoLimits.maxBytes) {
		const size = (file.size / MB).toFixed(1);
		throw new FileInputError('too_large', m.files_too_large({ name, size, max: photoLimits.maxBytes / MB }));
	}

	const input = new Uint8Array(await file.arrayBuffer());
	const type = sniffImageType(input);
	if (!type || !decodable.has(type)) throw new FileInputError('not_image', m.files_not_image({ name }));
	// This build of sharp may or may not carry an HEVC decoder (the prebuilt one does not);
	// trying it converts HEIC where it can and otherwise explains what to do instead.
	const unreadable = () =>
		type === 'heic' ? new FileInputError('heic', m.files_heic({ name })) : new FileInputError('corrupt', m.files_corrupt({ name }));

	// Header only: dimensions are known before a single pixel is decoded.
	let header: Metadata;
	try {
		header = await sharp(input, { limitInputPixels: false }).metadata();
	} catch {
		throw unreadable();
	}
	if (!header.width || !header.height) throw unreadable();
	if (header.width * header.height > photoLimits.maxPixels) {
		throw new FileInputError(
			'too_many_pixels',
			m.files_too_many_pixels({
				name,
				width: header.width,
				height: header.height,
				max: photoLimits.maxPixels / 1_000_000
			})
		);
	}

	let output: { data: Buffer; info: OutputInfo };
	try {
		output = await sharp(input, {
			// Second guard in case the header lied: libvips refuses before allocating.
			limitInputPixels: photoLimits.maxPixels,
			failOn: 'error',
			autoOrient: true,
			sequentialRead: true
		})
			.resize({
				width: photoLimits.maxLongSide,
				height: photoLimits.maxLongSide,
				fit: 'inside',
				withoutEnlargement: true
			})
			.flatten({ background: '#ffffff' })
			// No withMetadata/keepExif: sharp writes no EXIF, XMP, IPTC or GPS and converts to sRGB.
			.jpeg({ quality: photoLimits.jpegQuality, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
	} catch {
		throw unreadable();
	}

	const data = new Uint8Array(output.data.buffer, output.data.byteOffset, output.data.byteLength);
	return {
		data,
		contentType: 'image/jpeg',
		width: output.info.width,
		height: output.info.height,
		bytes: data.byteLength,
		sha256: createHash('sha256').update(data).digest('hex')
	};
}

/**
 * Checks every photo of one form field, in order, and stops at the first one the user must fix,
 * so nothing is saved half-way. A file input left empty posts a nameless 0-byte file; that is
 * "no photo", not an empty photo.
 */
export async function acceptPhotos(
	files: readonly File[],
	{ max = photoLimits.maxPhotos }: { max?: number } = {}
): Promise<AcceptedPhoto[]> {
	const chosen = files.filter((file) => !(file.size === 0 && file.name === ''));
	if (chosen.length > max) throw new FileInputError('too_many', m.files_too_many({ max, count: chosen.length }));
	const accepted: AcceptedPhoto[] = [];
	// One at a time: six full-size decodes at once would multiply peak memory for no gain.
	for (const [index, file] of chosen.entries()) accepted.push(await acceptPhoto(file, index + 1));
	return accepted;
}
