import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/**
 * Validation messages in the reader's language. Paraglide's server middleware carries the
 * request's locale, so calling m.*() while zod validates yields the right language. Schemas
 * override a message with `{ error: () => m.some_key() }` where the generic one is vague.
 */
export function installValidationMessages(): void {
	z.config({
		customError: (issue) => {
			switch (issue.code) {
				case 'invalid_type':
					return issue.input === undefined || issue.input === null || issue.input === '' ? m.field_required() : undefined;
				case 'too_small':
					if (issue.origin === 'string' && issue.minimum === 1) return m.field_required();
					return undefined;
				case 'too_big':
					if (issue.origin === 'string') return m.field_too_long({ max: Number(issue.maximum) });
					return undefined;
				case 'invalid_format':
					if (issue.format === 'email') return m.field_email_invalid();
					if (issue.format === 'date') return m.field_date_invalid();
					return undefined;
				default:
					return undefined;
			}
		}
	});
}
