import { useEffect, useRef } from "react";
import { useNavigation, useRevalidator } from "react-router";

/**
 * Reloads the route's data every `intervalMs` while the page is visible and nothing else is under
 * way (React Router calls the loaders again; no reload during a navigation or a form submission).
 */
export function useAutoRevalidate(intervalMs: number): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const latest = useRef({ revalidator, busy: false });
  latest.current = { revalidator, busy: revalidator.state !== "idle" || navigation.state !== "idle" };
  useEffect(() => {
    const timer = window.setInterval(() => {
      const { revalidator: current, busy } = latest.current;
      if (!busy && document.visibilityState === "visible") void current.revalidate();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
}
