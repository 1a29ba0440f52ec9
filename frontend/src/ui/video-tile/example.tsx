import { VideoTile } from "./VideoTile";

export const examples = {
  waiting: () => <VideoTile stream={null} label="係の人" placeholder="つないでいます…" size="large" />,
  self: () => <VideoTile stream={null} label="あなた" self size="small" />,
};
