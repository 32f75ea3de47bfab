import { maskPhone } from './mask.ts';

/**
 * Notifications beyond the web app (SMS, e-mail) go through one adapter. The default writes a log line (with the
 * phone masked); a deployment plugs in its SMS gateway by implementing `Notifier`.
 */
export interface OutboundMessage {
  channel: 'sms' | 'email';
  to: string;
  text: string;
}

export interface Notifier {
  send(message: OutboundMessage): Promise<void>;
}

export function logNotifier(log: (line: string) => void = (line) => console.log(line)): Notifier {
  return {
    async send(message) {
      const to = message.channel === 'sms' ? maskPhone(message.to) : message.to.replace(/^(.).*(@.*)$/, '$1***$2');
      log(`[notify:${message.channel}] to ${to}: ${message.text}`);
    },
  };
}
