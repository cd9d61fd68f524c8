/**
 * The smallest ZIP writer an XLSX file needs (PKWARE APPNOTE 6.3: local headers, deflated entries,
 * central directory, end record; no ZIP64 — an export is a few hundred KB). Node's own zlib does
 * the deflating and the CRC-32, so this needs no dependency.
 */
import { crc32, deflateRawSync, inflateRawSync as inflateRaw } from 'node:zlib';

export interface ZipEntry {
	name: string;
	data: Uint8Array | string;
}

/** MS-DOS date and time of 1980-01-01 00:00: fixed, so the same tables give the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

export function zip(entries: readonly ZipEntry[]): Uint8Array {
	const parts: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
		const packed = deflateRawSync(raw);
		const crc = crc32(raw);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
		local.writeUInt16LE(0x0800, 6); // names are UTF-8
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt16LE(DOS_TIME, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(raw.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4); // made by
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(0x0800, 8);
		header.writeUInt16LE(8, 10);
		header.writeUInt16LE(DOS_TIME, 12);
		header.writeUInt16LE(DOS_DATE, 14);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(packed.length, 20);
		header.writeUInt32LE(raw.length, 24);
		header.writeUInt16LE(name.length, 28);
		header.writeUInt32LE(offset, 42);
		central.push(header, name);
		parts.push(local, name, packed);
		offset += local.length + name.length + packed.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

/** The entries of a ZIP written by zip() (or any deflate/stored ZIP without ZIP64): for tests and checks. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
	const buffer = Buffer.from(bytes);
	const endAt = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0) throw new Error('Not a ZIP file.');
	const count = buffer.readUInt16LE(endAt + 10);
	let at = buffer.readUInt32LE(endAt + 16);
	const files = new Map<string, Buffer>();
	for (let i = 0; i < count; i++) {
		const method = buffer.readUInt16LE(at + 10);
		const size = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extra = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(start, start + size);
		files.set(name, method === 8 ? inflateRaw(data) : Buffer.from(data));
		at += 46 + nameLength + extra;
	}
	return files;
}
