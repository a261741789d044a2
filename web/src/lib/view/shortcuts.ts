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

/**
 * Keys of the spectrum chart while it has the focus (they do not reach the page's shortcuts): the
 * one list its key handler dispatches from and the help overlay shows.
 */
export const CHART_KEYS = [
  {
    action: 'panDown',
    keys: ['ArrowLeft'],
    label: '← / ⇧←',
    description: 'Spectrum: lower frequencies (a tenth, or half)',
  },
  { action: 'panUp', keys: ['ArrowRight'], label: '→ / ⇧→', description: 'Spectrum: higher frequencies' },
  { action: 'zoomIn', keys: ['+', '='], label: '+', description: 'Spectrum: zoom in' },
  { action: 'zoomOut', keys: ['-', '_'], label: '−', description: 'Spectrum: zoom out' },
  { action: 'all', keys: ['0', 'Home'], label: '0', description: 'Spectrum: 30 MHz – 6 GHz' },
] as const;

export type ChartAction = (typeof CHART_KEYS)[number]['action'];

/** The chart action a key triggers, if any. */
export function chartKeyFor(key: string): ChartAction | undefined {
  return CHART_KEYS.find((s) => (s.keys as readonly string[]).includes(key))?.action;
}
