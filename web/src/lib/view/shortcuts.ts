/**
 * Keyboard shortcuts of the COP: the one list the help overlay shows and the page's key handler
 * dispatches from. The handler must implement every action (typed as Record<ShortcutAction, ...>).
 * Escape is handled separately: it also leaves inputs and closes the help.
 */
export const SHORTCUTS = [
  { action: 'search', keys: ['/'], label: '/', description: 'Search tracks' },
  { action: 'next', keys: ['ArrowDown', 'j'], label: '↓ / j', description: 'Next track in the list' },
  { action: 'previous', keys: ['ArrowUp', 'k'], label: '↑ / k', description: 'Previous track in the list' },
  { action: 'clear', keys: ['Escape'], label: 'Esc', description: 'Clear selection / close' },
  { action: 'follow', keys: ['f'], label: 'f', description: 'Follow the selected track' },
  { action: 'home', keys: ['h'], label: 'h', description: 'Back to the area of operations' },
  { action: 'trails', keys: ['t'], label: 't', description: 'Trails on / off' },
  { action: 'volumes', keys: ['v'], label: 'v', description: 'Airspace volumes on / off' },
  { action: 'labels', keys: ['b'], label: 'b', description: 'Labels on / off' },
  { action: 'lite', keys: ['l'], label: 'l', description: 'Lite rendering on / off' },
  { action: 'help', keys: ['?'], label: '?', description: 'This help' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** The action a key triggers, if any. */
export function shortcutFor(key: string): ShortcutAction | undefined {
  return SHORTCUTS.find((s) => (s.keys as readonly string[]).includes(key))?.action;
}
