import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/** The one typed channel between pages, content script and background. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
