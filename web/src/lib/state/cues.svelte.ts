import { playAlertTone } from '../view/alert-cue.ts';

const FLASH_MS = 3000;

/**
 * How the page draws the user's attention: the alerts' header or the conflicts' count flashes for a
 * few seconds, and a tone sounds unless the user muted it (the visual cue stays).
 */
export class AttentionCues {
  alertFlash = $state(false);
  conflictFlash = $state(false);
  #muted: () => boolean;
  #timers: Partial<Record<'alertFlash' | 'conflictFlash', ReturnType<typeof setTimeout>>> = {};

  constructor(muted: () => boolean) {
    this.#muted = muted;
  }

  /** A new critical alert. */
  alert(): void {
    this.#flash('alertFlash');
    this.tone();
  }

  /** A partner's plan now collides with this nation's airspace. */
  conflict(): void {
    this.#flash('conflictFlash');
    this.tone();
  }

  tone(): void {
    if (!this.#muted()) playAlertTone();
  }

  #flash(which: 'alertFlash' | 'conflictFlash'): void {
    this[which] = true;
    clearTimeout(this.#timers[which]);
    this.#timers[which] = setTimeout(() => (this[which] = false), FLASH_MS);
  }
}
