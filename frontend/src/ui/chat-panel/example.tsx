import { I18nProvider } from "../../lib/i18n";
import { ChatPanel } from "./ChatPanel";

export const examples = {
  conversation: () => (
    <I18nProvider initial="ja">
      <ChatPanel
        id="chat-example"
        me="citizen"
        lines={[
          { type: "chat_line", id: 1, client_id: "a", sender: "staff", text: "聞こえますか？", sent_at: "2026-01-01T00:00:00Z" },
          { type: "chat_line", id: 2, client_id: "b", sender: "citizen", text: "音が聞こえません", sent_at: "2026-01-01T00:00:05Z" },
        ]}
        pending={[{ client_id: "c", visit_id: "v", text: "文字でお願いします", created_at: 0 }]}
        onSend={() => {}}
      />
    </I18nProvider>
  ),
  empty: () => (
    <I18nProvider initial="en">
      <ChatPanel id="chat-empty" me="staff" lines={[]} pending={[]} onSend={() => {}} />
    </I18nProvider>
  ),
};
