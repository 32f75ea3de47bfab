// What a web feature declares about itself. Each folder under features/ declares one `feature` in
// <name>.feature.ts(x) (re-exported by its index.ts); registry.ts lists them, and the router, the menus, the
// workbench and the message dictionary read that list (ADR 0023).
import type { ComponentType, ReactNode } from 'react';

/** One message in both languages. */
export type Message = { zh: string; en: string };

/** A feature's messages: every key in Chinese and English (a missing language fails typecheck). */
export type Messages<K extends string = string> = Record<K, Message>;

/**
 * Where a page lives:
 * - `public`: anyone, at an absolute path (`/items`);
 * - `app`: signed in, inside the app's frame (menu and header), at a path under `/app` (`cases/:number`;
 *   `''` is the workbench at `/app` itself);
 * - `screen`: signed in, filling the screen without the frame, at an absolute path (the hall's rating tablet).
 */
export type RouteArea = 'public' | 'app' | 'screen';

export type FeatureRoute =
  | {
      area: RouteArea;
      path: string;
      /** A lazy page: `lazy(() => import('./SomePage.tsx'))`, so each page is its own chunk. */
      page: ComponentType;
      /** The page shows a 403 unless the user holds this permission (any one of a list). The server checks anyway. */
      permission?: string | readonly string[];
    }
  | { area: RouteArea; path: string; redirectTo: string };

/** An entry of the signed-in menu; with a description it is also a card on the workbench. */
export interface MenuEntry<K extends string = string> {
  /** Stable name: the menu item's test id is `menu-<key>`, the workbench card's `module-<key>`. */
  key: string;
  path: string;
  label: K;
  icon: ReactNode;
  /** Absent: every signed-in user; a list: any one of them. */
  permission?: string | readonly string[];
  /** Shown as a workbench card when present. */
  description?: K;
  /** Position in the menu, lowest first (the menu groups the pages by who uses them, not by feature). */
  order: number;
}

/** A link of the public header (the pages anyone can open). */
export interface PublicMenuEntry<K extends string = string> {
  /** The link's test id is `public-nav-<key>`. */
  key: string;
  path: string;
  /** The link is highlighted on every path that starts with this. */
  match: string;
  label: K;
  icon: ReactNode;
  order: number;
}

export interface WebFeature<K extends string = string> {
  /** The folder's name. */
  name: string;
  messages: Messages<K>;
  routes?: readonly FeatureRoute[];
  menu?: readonly MenuEntry<NoInfer<K>>[];
  publicMenu?: readonly PublicMenuEntry<NoInfer<K>>[];
}

/** Declares a feature; menu labels must be keys of the feature's own messages. */
export function defineFeature<K extends string>(feature: WebFeature<K>): WebFeature<K> {
  return feature;
}
