export * from "./types";
export * from "./client";
export * from "./pairing";
export * from "./proof";
export * from "./camera";
export * from "./errors";
