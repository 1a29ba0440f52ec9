import { SummaryList } from "./SummaryList";

export const examples = {
  list: () => <SummaryList rows={[{ label: "役割", value: "管理者" }, { label: "担当窓口", value: <ul><li>市民課</li></ul> }]} />,
};
