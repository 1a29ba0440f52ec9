import { ErrorSummary } from "./ErrorSummary";

export const examples = {
  withField: () => (
    <ErrorSummary
      autoFocus={false}
      title="次のところをご確認ください"
      items={[{ message: "このコードは使えません", href: "code" }, { message: "通信ができませんでした" }]}
    />
  ),
};
