// 大屏 mode: the element goes full screen through the Fullscreen API (Esc leaves it); where the browser refuses,
// the layout still covers the window.
import { useCallback, useEffect, useState, type RefObject } from 'react';

export function useFullscreen(ref: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setActive(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const enter = useCallback(() => {
    setActive(true);
    const el = ref.current;
    if (el?.requestFullscreen) el.requestFullscreen().catch(() => undefined);
  }, [ref]);
  const exit = useCallback(() => {
    setActive(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  }, []);
  return { active, enter, exit };
}
