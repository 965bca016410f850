// The current time, re-read every `ms` so relative times ("3 分钟前") keep moving.
import { useEffect, useState } from 'react';

export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}
