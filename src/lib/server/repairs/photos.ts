import { m } from '#lib/paraglide/messages.js';
import { acceptPhoto, acceptPhotos, type AcceptedPhoto } from '../files/photos.ts';
import { FileInputError } from '../files/errors.ts';
import { InputError } from '../kernel/input-error.ts';

/** Photos are checked (and re-encoded) before any transaction opens: slow work, no locks held. */
export async function checkPhotos(photos: readonly File[], field = 'photos'): Promise<AcceptedPhoto[]> {
	try {
		return await acceptPhotos(photos);
	} catch (err) {
		if (err instanceof FileInputError) throw new InputError(field, err.message);
		throw err;
	}
}

/**
 * A signature drawn on a pad (a PNG data URL, sign-off and callbacks alike), checked and
 * re-encoded like a photo; anything else is refused at the signature field.
 */
export async function checkSignature(dataUrl: string): Promise<AcceptedPhoto> {
	const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
	try {
		return await acceptPhoto(new File([bytes], 'signature.png', { type: 'image/png' }));
	} catch (err) {
		if (err instanceof FileInputError) throw new InputError('signature', m.repairs_signature_invalid());
		throw err;
	}
}
