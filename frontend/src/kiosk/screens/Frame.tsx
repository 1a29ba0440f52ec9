import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { HelpButton } from "../../ui/help-button/HelpButton";
import { KioskTools } from "../../ui/kiosk-tools/KioskTools";
import { useHelp } from "../help/help";
import { useIdle, type IdleMode } from "../idle/IdleGuard";

/**
 * Every kiosk screen: language, furigana, read-aloud and help always in the same place at the top, one heading that
 * takes focus when the screen appears so a screen reader announces the new screen.
 */
export function Frame(props: {
  title: string;
  help?: boolean;
  children: ComponentChildren;
  titleClass?: string;
  /** Whether the kiosk may clear itself on this screen when nobody uses it (see IdleGuard). */
  idle?: IdleMode;
  /** false where the screen itself asks for the language (the welcome screen). */
  language?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const help = useHelp();
  useIdle(props.idle);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, [props.title]);
  return (
    <div class="kiosk">
      <header class="kiosk__top">
        <KioskTools language={props.language} screen={props.title} />
        {props.help !== false && <HelpButton status={help.status} onHelp={() => void help.ask()} />}
      </header>
      <main class="kiosk__main">
        <h1 class={`kiosk__title ${props.titleClass ?? ""}`} tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.children}
      </main>
    </div>
  );
}
