/**
 * The audible cue for a new critical alert: two short tones from WebAudio (no sound file to fetch).
 * Browsers may refuse audio before the user has interacted with the page; the visual cue still runs.
 */
let context: AudioContext | undefined;

export function playAlertTone(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    const t0 = ctx.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.22);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + i * 0.22 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.22 + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + i * 0.22);
      osc.stop(t0 + i * 0.22 + 0.21);
    }
  } catch {
    // no audio available: the visual cue is enough
  }
}
