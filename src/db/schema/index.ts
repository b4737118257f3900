export * from "./structures";
export * from "./comptes";
export * from "./platform";
