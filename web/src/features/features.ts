// What the app reads from the feature registry: the pages for the router (main.tsx), the menus (the shell and the
// public header), the workbench cards and the one message dictionary (i18n.ts).
import type { FeatureRoute, Message, MenuEntry, PublicMenuEntry, WebFeature } from './feature.ts';
import * as registered from './registry.ts';

type Registered = typeof registered;
type KeysOf<F> = F extends WebFeature<infer K> ? K : never;

/** Every message key of every feature. */
export type MessageKey = KeysOf<Registered[keyof Registered]>;

/** The keys that two features both define: `never`, or typecheck fails below. */
export type DuplicateMessageKey = {
  [F in keyof Registered]: KeysOf<Registered[F]> & KeysOf<Registered[Exclude<keyof Registered, F>]>;
}[keyof Registered];

// A key defined by two features fails typecheck here, and the error names it.
export const NO_DUPLICATE_MESSAGE_KEYS: [DuplicateMessageKey] extends [never] ? true : { duplicateKeys: DuplicateMessageKey } = true;

export const FEATURES: readonly WebFeature[] = Object.values(registered);

/** The one dictionary: every feature's messages merged. */
export const MESSAGES = Object.assign({}, ...FEATURES.map((f) => f.messages)) as Record<MessageKey, Message>;

/** Every page of every feature. */
export const ROUTES: readonly FeatureRoute[] = FEATURES.flatMap((f) => f.routes ?? []);

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

/** The signed-in menu, in menu order. */
export const MENU: readonly MenuEntry<MessageKey>[] = (FEATURES.flatMap((f) => f.menu ?? []) as MenuEntry<MessageKey>[]).sort(byOrder);

/** The links of the public header, in order. */
export const PUBLIC_MENU: readonly PublicMenuEntry<MessageKey>[] = (FEATURES.flatMap((f) => f.publicMenu ?? []) as PublicMenuEntry<MessageKey>[]).sort(byOrder);

/** The menu entries a user with these permissions sees. */
export function visibleMenu(permissions: readonly string[]): MenuEntry<MessageKey>[] {
  return MENU.filter((item) => !item.permission || [item.permission].flat().some((p) => permissions.includes(p)));
}
