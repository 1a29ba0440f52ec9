/** Hash routing for the staff and admin apps: "#/invite/abc" → "/invite/abc". */
import { useEffect, useState } from "preact/hooks";

export function currentRoute(hash: string = location.hash): string {
  const path = hash.replace(/^#/, "");
  return path.startsWith("/") ? path : "/";
}

export function useRoute(): string {
  const [route, setRoute] = useState(() => currentRoute());
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function navigate(path: string): void {
  location.hash = path;
}

/** "/invite/abc" with pattern "/invite/:token" → {token: "abc"}; null if it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = s[i]!;
    if (seg.startsWith(":")) {
      if (!val) return null;
      params[seg.slice(1)] = decodeURIComponent(val);
    } else if (seg !== val) return null;
  }
  return params;
}
