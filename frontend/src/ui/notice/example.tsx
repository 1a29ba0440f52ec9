import { Notice } from "./Notice";

export const examples = {
  info: () => <Notice>いまは通信ができません。</Notice>,
  success: () => <Notice kind="success">パスキーを追加しました。</Notice>,
};
