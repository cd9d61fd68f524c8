import { db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import { config } from '../config.ts';

/**
 * Sends one text message. A real gateway (Twilio, Alibaba Cloud SMS, a local carrier's HTTP API)
 * plugs in here: implement this interface, add a case to smsProvider() and select it with
 * SMS_PROVIDER. send must throw when the gateway refuses, so the delivery job retries.
 */
export interface SmsProvider {
	send(to: string, text: string): Promise<void>;
}

/** Development backend: the message lands in the outbox (channel "sms"), readable by admins and tests. */
const outboxSmsProvider: SmsProvider = {
	async send(to, text) {
		await db().insert(outbox).values({ channel: 'sms', recipient: to, body: text });
	}
};

let override: SmsProvider | undefined;

/** Tests swap the provider in (e.g. one that fails); undefined restores the configured one. */
export function useSmsProvider(provider: SmsProvider | undefined): void {
	override = provider;
}

/** The provider chosen by SMS_PROVIDER; "outbox" (the default) is the only one built in so far. */
export function smsProvider(): SmsProvider {
	if (override) return override;
	const name = config().smsProvider;
	switch (name) {
		case 'outbox':
			return outboxSmsProvider;
		default:
			throw new Error(`Unknown SMS_PROVIDER "${name}"; the built-in provider is "outbox".`);
	}
}
