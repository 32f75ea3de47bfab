import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

// The frame of the signed-in app (AppShell is the layout route in main.tsx) and the messages every page shares.
export const feature = defineFeature({ name: 'shell', messages });
