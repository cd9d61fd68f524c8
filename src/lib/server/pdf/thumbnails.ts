import { inArray } from 'drizzle-orm';
import sharp from 'sharp';
import type { Executor } from '../db/client.ts';
import { files } from '../db/schema/index.ts';
import { fileBytes } from '../files/service.ts';
import type { SheetImage } from './record-sheet.ts';

/** The size photos are shrunk to before they go on a printed sheet, so the PDF stays small. */
const THUMBNAIL_PX = 320;

/**
 * Stored photos as small JPEG thumbnails for a record sheet, in the order given; a photo whose
 * bytes are gone (or that no longer decodes) is skipped. The caller has checked the actor may see them.
 */
export async function photoThumbnails(executor: Executor, chosen: readonly { id: string; caption: string }[]): Promise<SheetImage[]> {
	if (chosen.length === 0) return [];
	const rows = await executor
		.select({ id: files.id, storageKey: files.storageKey })
		.from(files)
		.where(
			inArray(
				files.id,
				chosen.map((p) => p.id)
			)
		);
	const images = await Promise.all(
		chosen.map(async (photo): Promise<SheetImage | null> => {
			const row = rows.find((r) => r.id === photo.id);
			const bytes = row ? await fileBytes(row) : null;
			if (!bytes) return null;
			try {
				const small = await sharp(bytes)
					.resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
					.jpeg({ quality: 70 })
					.toBuffer();
				return { bytes: small, caption: photo.caption };
			} catch {
				return null;
			}
		})
	);
	return images.filter((image): image is SheetImage => image !== null);
}
