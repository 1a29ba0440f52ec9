import { Button } from "./Button";

export const examples = {
  primary: () => <Button>登録する</Button>,
  secondary: () => <Button variant="secondary">戻る</Button>,
  busy: () => <Button busy busyLabel="登録しています…">登録する</Button>,
  danger: () => <Button variant="danger">取り消す</Button>,
};
