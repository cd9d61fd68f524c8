import { db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import { config, type Config } from '../config.ts';

/**
 * Sends one text message. A real gateway (Twilio, Alibaba Cloud SMS, a local carrier's HTTP API)
 * plugs in here: implement this interface, add it to `providers` (and to SMS_PROVIDER's choices in
 * config.ts) and select it with SMS_PROVIDER. send must throw when the gateway refuses, so the delivery job retries.
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

/** Every provider SMS_PROVIDER may name (config.ts refuses any other); "outbox" is the default. */
const providers: Record<Config['smsProvider'], SmsProvider> = { outbox: outboxSmsProvider };

/** The provider chosen by SMS_PROVIDER. */
export function smsProvider(): SmsProvider {
	return override ?? providers[config().smsProvider];
}
