// The 报警中心 sound: a short two-tone beep (Web Audio, no file) on a new critical alarm, off by default, the
// choice remembered in localStorage.
import { useCallback, useSyncExternalStore } from 'react';

const SOUND_KEY = 'hearth.alarms.sound';
const listeners = new Set<() => void>();
let context: AudioContext | null = null;

const isOn = () => localStorage.getItem(SOUND_KEY) === 'on';

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Browsers start audio only after a user gesture: the switch that turns the sound on creates the context. */
function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

/** Two 880/660 Hz tones of 0.18 s, quiet (gain 0.15). */
export function beep(): void {
  const ctx = audio();
  if (!ctx) return;
  [880, 660].forEach((hz, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const start = ctx.currentTime + i * 0.22;
    osc.type = 'sine';
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.15, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  });
}

/** Whether the sound is on (default off), and the switch that sets it (and plays a sample when turned on). */
export function useAlarmSound(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, isOn);
  const set = useCallback((next: boolean) => {
    localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    if (next) beep();
    for (const l of listeners) l();
  }, []);
  return [on, set];
}

/** Plays the beep if the sound is on. */
export function beepIfOn(): void {
  if (isOn()) beep();
}
