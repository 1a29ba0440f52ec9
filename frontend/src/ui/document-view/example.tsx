import { DocumentView } from "./DocumentView";

const page =
  "data:image/svg+xml;utf8," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="210" height="297"><rect width="210" height="297" fill="white"/></svg>');

export const examples = {
  "a page with a point and a highlight": () => (
    <DocumentView
      src={page}
      alt="申請書の写真"
      marks={[
        { kind: "point", x: 0.4, y: 0.3 },
        { kind: "highlight", x: 0.1, y: 0.5, width: 0.6, height: 0.08 },
      ]}
    />
  ),
};
