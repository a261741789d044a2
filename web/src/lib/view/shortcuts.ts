/** Keyboard shortcuts of the COP, shown by the help overlay (one list, used by both). */
export const SHORTCUTS = [
  { key: '/', label: '/', description: 'Search tracks' },
  { key: 'ArrowDown', label: '↓ / j', description: 'Next track in the list' },
  { key: 'ArrowUp', label: '↑ / k', description: 'Previous track in the list' },
  { key: 'Escape', label: 'Esc', description: 'Clear selection / close' },
  { key: 'f', label: 'f', description: 'Follow the selected track' },
  { key: 'h', label: 'h', description: 'Back to the area of operations' },
  { key: 't', label: 't', description: 'Trails on / off' },
  { key: 'v', label: 'v', description: 'Airspace volumes on / off' },
  { key: 'b', label: 'b', description: 'Labels on / off' },
  { key: 'l', label: 'l', description: 'Lite rendering on / off' },
  { key: '?', label: '?', description: 'This help' },
] as const;
