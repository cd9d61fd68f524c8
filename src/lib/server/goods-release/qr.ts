/**
 * The QR code a resident shows at the gate: the gate's link to the slip on the app's origin
 * (/staff/gate/<token>), so the guard's phone camera opens it signed in as security. Drawn on the
 * server as SVG (crisp on any screen, no script on the resident's page).
 */
import QRCode from 'qrcode';
import { config } from '../config.ts';

function gateLink(token: string): string {
	return `${config().origin}/staff/gate/${token}`;
}

export function gateQrSvg(token: string): Promise<string> {
	return QRCode.toString(gateLink(token), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
