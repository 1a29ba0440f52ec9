import { TextField } from "./TextField";
import { Checkboxes, Radios } from "./Checkboxes";

const noop = () => {};

export const examples = {
  text: () => <TextField id="ex-name" label="表示名" hint="本名でなくてもかまいません" value="" onValue={noop} />,
  error: () => <TextField id="ex-code" label="登録コード" error="このコードは使えません" value="ZZZ" onValue={noop} code />,
  checkboxes: () => (
    <Checkboxes
      name="ex-counters"
      legend="担当窓口"
      options={[{ value: "a", label: "市民課" }, { value: "b", label: "健康増進課" }]}
      selected={["a"]}
      onChange={noop}
    />
  ),
  radios: () => (
    <Radios
      name="ex-role"
      legend="役割"
      options={[{ value: "staff", label: "職員" }, { value: "admin", label: "管理者" }]}
      value="staff"
      onChange={noop}
    />
  ),
};
