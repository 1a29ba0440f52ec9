import { LanguageSwitch } from "../language-switch/LanguageSwitch";
import { ReadAloud } from "../read-aloud/ReadAloud";
import { FuriganaToggle } from "../ruby/FuriganaToggle";
import "./kiosk-tools.css";

/**
 * The kiosk's top-bar tools, the same on every screen: language (one button that opens the
 * choice), furigana on/off (Japanese only) and read-aloud. Help sits apart, at the other end.
 */
export function KioskTools(props: {
  language?: boolean;
  /** The screen's title (or step): a new one stops the reading. */
  screen?: string;
  /** What read-aloud reads: the page's <main> unless a dialog covers it. */
  area?: () => Element | null;
}) {
  return (
    <div class="kiosk-tools">
      {props.language !== false && <LanguageSwitch />}
      <FuriganaToggle />
      <ReadAloud screen={props.screen} area={props.area} />
    </div>
  );
}
